-- classpath migration
VACUUM;
