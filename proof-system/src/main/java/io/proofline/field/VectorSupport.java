package io.proofline.field;

/**
 * Whether the incubating Vector API ({@code jdk.incubator.vector}) is in the boot layer.
 *
 * <p>Classes that touch the Vector API are only loaded when this is true, so code compiled
 * against it still runs on a JVM started without {@code --add-modules jdk.incubator.vector}.
 * Setting the system property {@code proofline.vector=false} turns it off for comparisons.
 */
public final class VectorSupport {

    public static final boolean AVAILABLE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !"false".equals(System.getProperty("proofline.vector"));

    private VectorSupport() {
    }
}
