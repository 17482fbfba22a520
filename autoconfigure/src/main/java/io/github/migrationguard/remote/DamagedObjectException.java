package io.github.migrationguard.remote;

/**
 * Thrown when an object in the bucket does not hold the intact snapshot it claims to: it is never restored.
 */
final class DamagedObjectException extends RemoteCopyException {

    private final transient RemoteObject object;

    DamagedObjectException(RemoteObject object, String reason) {
        super("Object " + object.key() + " is damaged: " + reason + "; it is never restored");
        this.object = object;
    }

    public RemoteObject object() {
        return this.object;
    }
}
