package io.proofline.storage.objects;

/** The object store could not do what was asked; the message names the key and the cause. */
public class ObjectStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ObjectStoreException(String message) {
        super(message);
    }

    public ObjectStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
