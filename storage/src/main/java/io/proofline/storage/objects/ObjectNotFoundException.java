package io.proofline.storage.objects;

/** No object under the key: a stage ran before the one that writes it, or the object was removed. */
public final class ObjectNotFoundException extends ObjectStoreException {

    private static final long serialVersionUID = 1L;

    private final String key;

    public ObjectNotFoundException(String key) {
        super("no object under key '" + key + "'");
        this.key = key;
    }

    public String key() {
        return key;
    }
}
