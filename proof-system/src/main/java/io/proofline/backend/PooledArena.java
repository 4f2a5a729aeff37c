package io.proofline.backend;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An arena whose large blocks go back to a process-wide pool when it closes, for the next proof
 * or native call to reuse: {@link #shared()} for a proof's matrices, which pool threads read,
 * {@link #confined()} for the buffers of one native call. Fresh off-heap memory is paid for page by
 * page on first touch, and on the 2-core virtual machines of {@code docs/benchmarks.md} a fresh
 * 545 MB extension took 0.3 to 1.9 s to fault in against 0.03 s to clear once its pages were
 * resident; the heap keeps its pages between proofs, and so does this pool.
 *
 * <p>Segments allocated here are views scoped to this arena: after {@link #close()} they can no
 * longer be accessed, even though their memory lives on in the pool. Like {@link Arena#allocate},
 * every allocation is zeroed.
 */
public final class PooledArena implements Arena {

    /** Below this, allocations come straight from the arena: not worth pooling. */
    private static final long POOLED_FROM_BYTES = 1L << 20;
    /** Blocks are page-aligned, which covers every alignment a matrix needs. */
    private static final long BLOCK_ALIGNMENT = 4096;

    private static final Pool POOL = new Pool(Runtime.getRuntime().maxMemory());

    private final Arena views;
    private final List<MemorySegment> taken = new ArrayList<>();

    private PooledArena(Arena views) {
        this.views = views;
    }

    /** An arena over the process-wide pool that any thread may use. */
    public static PooledArena shared() {
        return new PooledArena(Arena.ofShared());
    }

    /** An arena over the process-wide pool for the calling thread alone: cheaper to close. */
    public static PooledArena confined() {
        return new PooledArena(Arena.ofConfined());
    }

    @Override
    public MemorySegment allocate(long byteSize, long byteAlignment) {
        return pooled(byteSize, byteAlignment) ? allocateForOverwrite(byteSize, byteAlignment).fill((byte) 0)
                : views.allocate(byteSize, byteAlignment);
    }

    /**
     * As {@link #allocate}, but a reused block keeps what it held: for memory the caller writes
     * whole before reading any of it, such as an extension a native call fills. Fresh blocks and
     * small allocations are zeroed all the same.
     */
    public MemorySegment allocateForOverwrite(long byteSize, long byteAlignment) {
        if (!pooled(byteSize, byteAlignment)) {
            return views.allocate(byteSize, byteAlignment);
        }
        MemorySegment block = POOL.take(byteSize);
        synchronized (taken) {
            taken.add(block);
        }
        // a view that dies with this arena, over memory that outlives it
        return block.asSlice(0, byteSize).reinterpret(views, null);
    }

    /** Whether an allocation comes from the pool; smaller ones come from the arena, zeroed. */
    private static boolean pooled(long byteSize, long byteAlignment) {
        return byteSize >= POOLED_FROM_BYTES && byteAlignment <= BLOCK_ALIGNMENT;
    }

    @Override
    public MemorySegment.Scope scope() {
        return views.scope();
    }

    /** Ends every view, then gives the blocks back to the pool. */
    @Override
    public void close() {
        views.close();
        synchronized (taken) {
            POOL.giveBack(taken);
            taken.clear();
        }
    }

    /** Bytes the pool holds for reuse now; for tests and diagnostics. */
    static long pooledBytes() {
        return POOL.freeBytes();
    }

    /**
     * Free blocks, each from an automatic arena, so that a block the pool lets go is freed by
     * the collector. It keeps at most {@code retainBytes} (the heap's limit, which is also direct
     * memory's unless set otherwise), dropping the largest blocks first, and lets every free block
     * go when direct memory is too full for a new one, so that pooling never makes a proof fail.
     */
    private static final class Pool {

        private final long retainBytes;
        private final List<MemorySegment> free = new ArrayList<>();

        Pool(long retainBytes) {
            this.retainBytes = retainBytes;
        }

        /** The smallest free block that fits without wasting more than half of it, else a new one. */
        synchronized MemorySegment take(long byteSize) {
            MemorySegment best = null;
            for (MemorySegment block : free) {
                if (block.byteSize() >= byteSize && block.byteSize() <= 2 * byteSize
                        && (best == null || block.byteSize() < best.byteSize())) {
                    best = block;
                }
            }
            if (best != null) {
                free.remove(best);
                return best;
            }
            try {
                return Arena.ofAuto().allocate(byteSize, BLOCK_ALIGNMENT);
            } catch (OutOfMemoryError directMemoryFull) {
                // the free blocks may be what fills direct memory: let them go, and the JDK's
                // reservation collects them and waits for their release before it gives up
                free.clear();
                return Arena.ofAuto().allocate(byteSize, BLOCK_ALIGNMENT);
            }
        }

        synchronized void giveBack(List<MemorySegment> blocks) {
            free.addAll(blocks);
            free.sort(Comparator.comparingLong(MemorySegment::byteSize));
            while (!free.isEmpty() && freeBytes() > retainBytes) {
                free.removeLast();
            }
        }

        synchronized long freeBytes() {
            return free.stream().mapToLong(MemorySegment::byteSize).sum();
        }
    }
}
