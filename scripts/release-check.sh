#!/usr/bin/env bash
# Builds the release (mvn -Prelease deploy) into a throwaway file repository and inspects what a public Maven
# repository would receive:
#
# - exactly the published modules: migration-guard-parent (pom), migration-guard-spring-boot and
#   migration-guard-spring-boot-starter (pom, jar, -sources.jar, -javadoc.jar); never the sample app or benchmarks;
# - every file with its .sha1 and .md5, and its .asc when a key was named (-Dgpg.keyname=KEY is passed through);
# - each published module's effective POM has name, description, url, an Apache-2.0 license, developers and scm;
# - the jars carry META-INF/LICENSE, the autoconfigure jar its configuration metadata, the javadoc jar an index.
#
# Usage: scripts/release-check.sh [extra Maven arguments, e.g. -o or -Dgpg.keyname=KEY]
set -euo pipefail
cd "$(dirname "$0")/.."

OUT="$(pwd)/target/release-check"
rm -rf "$OUT"
mkdir -p "$OUT"
log() { printf '[release-check] %s\n' "$*"; }
fail() { printf '[release-check] FAILED: %s\n' "$*" >&2; exit 1; }

# Maven refuses to deploy in offline mode, even to a file repository: -o is left out of the deploy
deploy_args=()
for arg in "$@"; do
    case "$arg" in -o | --offline) ;; *) deploy_args+=("$arg") ;; esac
done

log "building the release into $OUT/repository"
mvn -B -q -Prelease -DskipTests deploy -DaltDeploymentRepository="release-check::file:$OUT/repository" \
    ${deploy_args[@]+"${deploy_args[@]}"} \
    > "$OUT/build.log" 2>&1 || { tail -n 40 "$OUT/build.log" >&2; fail "mvn -Prelease deploy (log: $OUT/build.log)"; }
mvn -B -q -Prelease help:effective-pom -Doutput="$OUT/effective-pom.xml" "$@" > "$OUT/effective-pom.log" 2>&1 \
    || { tail -n 40 "$OUT/effective-pom.log" >&2; fail "mvn help:effective-pom"; }

signed=false
for arg in "$@"; do
    case "$arg" in -Dgpg.keyname=*) signed=true ;; esac
done

python3 - "$OUT/repository" "$OUT/effective-pom.xml" "$signed" <<'PY'
import pathlib, sys, zipfile, xml.etree.ElementTree as ET

repo, effective, signed = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), sys.argv[3] == "true"
group = repo / "io" / "github" / "migrationguard"
published = {
    "migration-guard-parent": ["pom"],
    "migration-guard-spring-boot": ["pom", "jar", "sources.jar", "javadoc.jar"],
    "migration-guard-spring-boot-starter": ["pom", "jar", "sources.jar", "javadoc.jar"],
}
problems = []

found = sorted(p.name for p in group.iterdir()) if group.is_dir() else []
if found != sorted(published):
    problems.append(f"published modules are {found}, expected exactly {sorted(published)}")

def artifact(module, kind):
    version_dir = next(p for p in (group / module).iterdir() if p.is_dir())
    suffix = ".pom" if kind == "pom" else ("." + kind if kind == "jar" else "-" + kind)
    matches = [p for p in version_dir.iterdir() if p.name.endswith(suffix) and p.name.startswith(module)]
    if kind == "jar":
        matches = [p for p in matches if not p.name.endswith(("-sources.jar", "-javadoc.jar", "-tests.jar"))]
    return matches[0] if matches else None

for tests_jar in group.rglob("*-tests.jar"):
    problems.append(f"{tests_jar.name}: a test jar is published")

def entries(jar):
    with zipfile.ZipFile(jar) as z:
        return set(z.namelist())

for module, kinds in published.items():
    if not (group / module).is_dir():
        continue
    for kind in kinds:
        file = artifact(module, kind)
        if file is None:
            problems.append(f"{module}: no {kind}")
            continue
        for extra in [".sha1", ".md5"] + ([".asc"] if signed else []):
            if not file.with_name(file.name + extra).is_file():
                problems.append(f"{file.name}: no {extra}")
        if kind == "jar" and "META-INF/LICENSE" not in entries(file):
            problems.append(f"{file.name}: no META-INF/LICENSE")
    javadoc = artifact(module, "javadoc.jar")
    if module == "migration-guard-spring-boot" and javadoc and "index.html" not in entries(javadoc):
        problems.append(f"{javadoc.name}: no index.html")
    jar = artifact(module, "jar")
    if module == "migration-guard-spring-boot" and jar:
        for required in ["META-INF/spring-configuration-metadata.json",
                         "META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports"]:
            if required not in entries(jar):
                problems.append(f"{jar.name}: no {required}")

ns = {"m": "http://maven.apache.org/POM/4.0.0"}
root = ET.parse(effective).getroot()
projects = root.findall("m:project", ns) if root.tag.endswith("projects") else [root]
seen = set()
for project in projects:
    artifact_id = project.findtext("m:artifactId", namespaces=ns)
    if artifact_id not in published:
        continue
    seen.add(artifact_id)
    for path in ["m:name", "m:description", "m:url", "m:scm/m:url", "m:scm/m:connection",
                 "m:developers/m:developer/m:name", "m:licenses/m:license/m:name"]:
        if not (project.findtext(path, namespaces=ns) or "").strip():
            problems.append(f"{artifact_id}: effective POM has no {path.replace('m:', '')}")
    url = project.findtext("m:url", namespaces=ns) or ""
    if url.rstrip("/").endswith(artifact_id) and artifact_id != "migration-guard-parent":
        problems.append(f"{artifact_id}: url {url} has the artifactId appended")
    license = project.findtext("m:licenses/m:license/m:name", namespaces=ns) or ""
    if "Apache License, Version 2.0" not in license:
        problems.append(f"{artifact_id}: license is {license!r}")
for missing in sorted(set(published) - seen):
    problems.append(f"{missing}: not in the effective POM")

for problem in problems:
    print(f"[release-check] {problem}", file=sys.stderr)
if problems:
    sys.exit(1)
files = sorted(str(p.relative_to(repo)) for p in group.rglob("*") if p.is_file() and p.suffix in (".jar", ".pom"))
print("\n".join(f"[release-check]   {f}" for f in files))
PY
log "OK: parent, autoconfigure and starter are complete$([ "$signed" = true ] && echo ' and signed'); nothing else is published"
