package io.proofline.backend;

/**
 * A back end that lives outside this module (the native CPU and CUDA back ends of
 * {@code native-bindings}), found with {@link java.util.ServiceLoader} by
 * {@link ProverBackends}.
 */
public interface ProverBackendProvider {

    /** The setting value that selects it, e.g. {@code native-cpu} or {@code cuda}. */
    String name();

    /**
     * Loads the back end.
     *
     * @throws IllegalStateException naming the problem when it cannot run here (no library,
     *     no device, no driver)
     */
    ProverBackend open();
}
