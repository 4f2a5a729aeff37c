package io.proofline.recursion;

import java.util.List;
import java.util.stream.Stream;

/**
 * A Plonkish proof's openings as circuit variables, in the proof's layout: the value at
 * {@code zeta} of every column of the setup, witness, products and quotient trees, and of the
 * grand product's two columns at {@code zeta * w}.
 */
public record OpeningVars(List<ExtVar> setup, List<ExtVar> witness, List<ExtVar> products, List<ExtVar> quotient,
                          List<ExtVar> productsNext) {

    public OpeningVars {
        setup = List.copyOf(setup);
        witness = List.copyOf(witness);
        products = List.copyOf(products);
        quotient = List.copyOf(quotient);
        productsNext = List.copyOf(productsNext);
    }

    /** The values at {@code zeta}, in transcript order (the DEEP composition's column order). */
    public List<ExtVar> atZeta() {
        return Stream.of(setup, witness, products, quotient).flatMap(List::stream).toList();
    }

    /** All opened values in transcript order. */
    public List<ExtVar> all() {
        return Stream.of(setup, witness, products, quotient, productsNext).flatMap(List::stream).toList();
    }
}
