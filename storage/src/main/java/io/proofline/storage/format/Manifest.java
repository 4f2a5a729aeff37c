package io.proofline.storage.format;

import io.proofline.circuits.base.CircuitType;
import io.proofline.circuits.l2.BatchHeader;
import io.proofline.circuits.witness.CircuitInstance;
import io.proofline.storage.objects.ObjectKeys;
import io.proofline.storage.objects.Sha256;
import io.proofline.storage.objects.StoredObject;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * What basic witness generation found in a batch: the checked header (the statement the batch
 * proof must establish) and every circuit instance with where its input is stored, the input's
 * SHA-256 and the public inputs it must yield. Proving partitions read it to find their inputs;
 * aggregation reads it to check each base proof's public inputs before chaining them.
 *
 * <p>Instances are in batch proof order: by circuit type id, then by index, each type numbered
 * from 0 without gaps and present at least once (as {@code BasicWitnessGenerator} makes them).
 */
public record Manifest(long chainId, long batchNumber, int protocolVersion, BatchHeader header, List<Instance> instances) {

    /** One circuit instance: its identity, its stored input and the public inputs it must yield. */
    public record Instance(CircuitType type, int index, String inputKey, String inputSha256, long[] publicInputs) {

        public Instance {
            Objects.requireNonNull(type, "type");
            if (index < 0) {
                throw new IllegalArgumentException("negative instance index " + index);
            }
            ObjectKeys.requireValid(inputKey);
            Sha256.requireHex(inputSha256);
            if (publicInputs.length != type.publicInputs) {
                throw new IllegalArgumentException(type.label + " instance " + index + " has " + publicInputs.length
                        + " public inputs, not " + type.publicInputs);
            }
            publicInputs = publicInputs.clone();
        }

        /** The entry for {@code instance} whose input was stored as {@code input}. */
        public static Instance of(CircuitInstance instance, StoredObject input) {
            return new Instance(instance.type(), instance.index(), input.key(), input.sha256Hex(), instance.publicInputs());
        }

        @Override
        public long[] publicInputs() {
            return publicInputs.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Instance i && type == i.type && index == i.index && inputKey.equals(i.inputKey)
                    && inputSha256.equals(i.inputSha256) && Arrays.equals(publicInputs, i.publicInputs);
        }

        @Override
        public int hashCode() {
            return Objects.hash(type, index, inputKey, inputSha256, Arrays.hashCode(publicInputs));
        }

        @Override
        public String toString() {
            return type.label + " instance " + index + " (" + inputKey + ", sha256 " + inputSha256 + ")";
        }
    }

    /** @throws IllegalArgumentException if the header is another batch's or the instances are out of order */
    public Manifest {
        Objects.requireNonNull(header, "header");
        if (header.chainId() != chainId || header.batchNumber() != batchNumber) {
            throw new IllegalArgumentException("header is for chain " + header.chainId() + " batch " + header.batchNumber()
                    + ", not chain " + chainId + " batch " + batchNumber);
        }
        if (protocolVersion < 0) {
            throw new IllegalArgumentException("negative protocol version " + protocolVersion);
        }
        instances = List.copyOf(instances);
        checkOrder(instances);
    }

    public List<Instance> instancesOf(CircuitType type) {
        return instances.stream().filter(i -> i.type() == type).toList();
    }

    /** @throws NoSuchElementException if the batch has no such instance */
    public Instance instance(CircuitType type, int index) {
        return instances.stream().filter(i -> i.type() == type && i.index() == index).findFirst()
                .orElseThrow(() -> new NoSuchElementException("chain " + chainId + " batch " + batchNumber + " has no "
                        + type.label + " instance " + index));
    }

    private static void checkOrder(List<Instance> instances) {
        EnumSet<CircuitType> seen = EnumSet.noneOf(CircuitType.class);
        Instance previous = null;
        for (Instance i : instances) {
            boolean sameType = previous != null && previous.type() == i.type();
            int expected = sameType ? previous.index() + 1 : 0;
            if (!sameType && seen.contains(i.type()) || previous != null && i.type().id < previous.type().id) {
                throw new IllegalArgumentException("instances out of order: " + i + " after " + previous
                        + " (expected by circuit type id, then index)");
            }
            if (i.index() != expected) {
                throw new IllegalArgumentException("instances out of order: " + i + " where " + i.type().label
                        + " instance " + expected + " belongs");
            }
            seen.add(i.type());
            previous = i;
        }
        if (seen.size() != CircuitType.values().length) {
            throw new IllegalArgumentException("a batch has at least one instance of each circuit type; missing "
                    + EnumSet.complementOf(seen).stream().map(t -> t.label).toList());
        }
    }
}
