package io.strata.schema.format.arrow;

import io.strata.schema.format.DeclaredType;
import io.strata.schema.format.RowSource;
import io.strata.schema.format.SourceException;
import io.strata.schema.format.Spool;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;

/**
 * Rows of an Arrow IPC file, one record batch at a time: the stream format straight from the input, the file
 * format (whose footer is at the end) from a spooled copy. Types come from the file's schema; dictionary-encoded
 * columns are decoded; struct children become dotted columns ({@code point.x}). The allocator is bounded
 * ({@link #MAX_BATCH_BYTES}) and owned by the source: {@link #close()} releases the reader's vectors, then the
 * allocator, then deletes the spooled copy.
 */
public final class ArrowRowSource implements RowSource {
    /** Memory one record batch may take once loaded. */
    public static final long MAX_BATCH_BYTES = 1L << 30;

    private final BufferAllocator allocator;
    private final ArrowReader reader;
    private final Spool spool;
    private final FileChannel channel;
    private final VectorSchemaRoot root;
    private final List<Leaf> leaves = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private int batchRows;
    private int batchRow;
    private int batch;
    private long row;

    /** A column: a vector, and the struct vectors it sits in (a null struct makes the leaf null). */
    private record Leaf(String name, boolean nested, FieldVector vector, List<FieldVector> parents) {}

    private ArrowRowSource(BufferAllocator allocator, ArrowReader reader, Spool spool, FileChannel channel)
            throws IOException {
        this.allocator = allocator;
        this.reader = reader;
        this.spool = spool;
        this.channel = channel;
        this.root = reader.getVectorSchemaRoot();
        for (FieldVector v : root.getFieldVectors()) {
            addLeaves(v, v.getField().getName(), List.of());
        }
    }

    private void addLeaves(FieldVector v, String name, List<FieldVector> parents) {
        if (v instanceof StructVector struct && v.getField().getDictionary() == null) {
            List<FieldVector> inner = new ArrayList<>(parents);
            inner.add(struct);
            for (FieldVector child : struct.getChildrenFromFields()) {
                addLeaves(child, name + "." + child.getField().getName(), List.copyOf(inner));
            }
            return;
        }
        leaves.add(new Leaf(name, !parents.isEmpty(), v, parents));
        names.add(name);
    }

    /** Reads the IPC stream format from {@code in} (not closed). */
    public static ArrowRowSource openStream(InputStream in) {
        BufferAllocator allocator = new RootAllocator(MAX_BATCH_BYTES);
        ArrowStreamReader reader = new ArrowStreamReader(in, allocator);
        return open(allocator, reader, null, null);
    }

    /** Reads the IPC file format from {@code spool}, which the source then owns. */
    public static ArrowRowSource openFile(Spool spool) {
        FileChannel channel;
        try {
            channel = FileChannel.open(spool.file());
        } catch (IOException e) {
            spool.close();
            throw new UncheckedIOException(e);
        }
        BufferAllocator allocator = new RootAllocator(MAX_BATCH_BYTES);
        return open(allocator, new ArrowFileReader(channel, allocator), spool, channel);
    }

    private static ArrowRowSource open(
            BufferAllocator allocator, ArrowReader reader, Spool spool, FileChannel channel) {
        try {
            return new ArrowRowSource(allocator, reader, spool, channel);
        } catch (IOException | RuntimeException e) {
            closeAll(reader, allocator, spool, channel);
            throw new SourceException(
                    null,
                    "not a readable Arrow IPC file (" + io.strata.schema.format.LibraryMessages.clean(e.getMessage())
                            + "); is it truncated or damaged?",
                    e);
        }
    }

    @Override
    public List<String> columns() {
        return Collections.unmodifiableList(names);
    }

    @Override
    public List<DeclaredType> declaredTypes() {
        return leaves.stream()
                .map(l -> ArrowValues.declared(l.vector().getField(), reader))
                .toList();
    }

    @Override
    public String druidNameBase(int column) {
        Leaf leaf = leaves.get(column);
        return leaf.nested() ? leaf.name().replace('.', '_') : leaf.name();
    }

    @Override
    public boolean next() {
        try {
            while (batchRow >= batchRows) {
                if (!reader.loadNextBatch()) {
                    return false;
                }
                batch++;
                batchRows = root.getRowCount();
                batchRow = 0;
            }
            batchRow++;
            row++;
            return true;
        } catch (OutOfMemoryException e) {
            throw new SourceException(
                    at(row + 1),
                    "record batch " + (batch + 1) + " needs more than " + MAX_BATCH_BYTES
                            + " bytes of memory; write the file with smaller record batches",
                    e);
        } catch (IOException | RuntimeException e) {
            throw new SourceException(at(row + 1), "the file cannot be read past here (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public int size() {
        return leaves.size();
    }

    @Override
    public Object value(int column) {
        if (column >= leaves.size()) {
            return null;
        }
        Leaf leaf = leaves.get(column);
        int i = batchRow - 1;
        for (FieldVector parent : leaf.parents()) {
            if (parent.isNull(i)) {
                return null;
            }
        }
        return ArrowValues.value(leaf.vector(), i, reader);
    }

    @Override
    public String problem() {
        return null;
    }

    @Override
    public String location() {
        return at(row);
    }

    private String at(long fileRow) {
        return "row " + fileRow + " (record batch " + batch + ")";
    }

    @Override
    public void close() {
        closeAll(reader, allocator, spool, channel);
    }

    private static void closeAll(ArrowReader reader, BufferAllocator allocator, Spool spool, FileChannel channel) {
        try (spool;
                channel;
                allocator) {
            // ArrowStreamReader must not close the caller's stream: close(false) releases only its vectors
            reader.close(spool != null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
