package io.proofline.plonkish.gates;

/**
 * Four bits of a binary decomposition: cells b0..b3 are booleans and
 * {@code accOut = 16 * accIn + 8 b0 + 4 b1 + 2 b2 + b3}. Chained from {@code accIn = 0}, k
 * instances range-check a value to {@code 4k} bits, most significant bits first.
 */
public final class BitDecompositionGate implements Gate {

    public static final BitDecompositionGate INSTANCE = new BitDecompositionGate();

    private BitDecompositionGate() {
    }

    @Override
    public String name() {
        return "bit_decomposition";
    }

    @Override
    public int copyCells() {
        return 6;
    }

    @Override
    public int degree() {
        return 2;
    }

    @Override
    public int constraints() {
        return 5;
    }

    @Override
    public <T> void evaluate(Algebra<T> f, GateCells<T> c, ConstraintSink<T> out) {
        T acc = f.scale(c.copy(4), 16);
        for (int i = 0; i < 4; i++) {
            T b = c.copy(i);
            out.constraint(f.sub(f.square(b), b));
            acc = f.add(acc, f.scale(b, 8 >> i));
        }
        out.constraint(f.sub(c.copy(5), acc));
    }
}
