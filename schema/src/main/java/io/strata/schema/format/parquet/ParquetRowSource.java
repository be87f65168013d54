package io.strata.schema.format.parquet;

import blue.strategic.parquet.ParquetReader;
import io.strata.schema.format.DeclaredType;
import io.strata.schema.format.RowSource;
import io.strata.schema.format.SourceException;
import io.strata.schema.format.Spool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.DummyRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.schema.MessageType;

/**
 * Rows of a Parquet file, read one row group at a time from a spooled copy (the footer is at the end). Uses
 * parquet-floor's Hadoop-free file access and parquet-column's column readers directly, so lists are read too:
 * parquet-floor's own row reader only knows flat columns and maps. Types come from the file's schema (see {@link
 * ParquetColumns}). Closing deletes the spooled copy.
 */
public final class ParquetRowSource implements RowSource {
    private final Spool spool;
    private final ParquetFileReader reader;
    private final MessageType schema;
    private final GroupConverter converter;
    private final String createdBy;
    private final List<ParquetColumns> leaves;
    private final List<String> names;
    private final Object[] values;
    private ColumnReader[] readers;
    private long[] consumed;
    private long groupRows;
    private long groupRow;
    private int group;
    private long row;

    private ParquetRowSource(Spool spool, ParquetFileReader reader) {
        this.spool = spool;
        this.reader = reader;
        this.schema = reader.getFooter().getFileMetaData().getSchema();
        this.createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
        this.converter = new DummyRecordConverter(schema).getRootConverter();
        this.leaves = ParquetColumns.of(schema);
        this.names = leaves.stream().map(ParquetColumns::name).toList();
        this.values = new Object[leaves.size()];
    }

    /** Opens the Parquet file in {@code spool}, which the source then owns. */
    public static ParquetRowSource open(Spool spool) {
        try {
            return new ParquetRowSource(
                    spool,
                    ParquetFileReader.open(
                            ParquetReader.makeInputFile(spool.file().toFile())));
        } catch (IOException | RuntimeException e) {
            spool.close();
            throw new SourceException(null, unreadable(e), e);
        }
    }

    /** Why the file cannot be opened, in the uploader's terms (parquet-mr's messages print its own objects). */
    private static String unreadable(Exception e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        if (m.contains("is not a Parquet file")) {
            return "not a readable Parquet file: it starts like one but does not end like one (its footer is"
                    + " missing); is it truncated, or another file renamed .parquet? Upload the complete file";
        }
        return "not a readable Parquet file (" + io.strata.schema.format.LibraryMessages.clean(m) + "); is it"
                + " truncated or damaged? Write it again and upload the new copy";
    }

    @Override
    public List<String> columns() {
        return Collections.unmodifiableList(names);
    }

    @Override
    public List<DeclaredType> declaredTypes() {
        return leaves.stream().map(ParquetColumns::declared).toList();
    }

    @Override
    public String druidNameBase(int column) {
        ParquetColumns c = leaves.get(column);
        return c.nested() ? c.name().replace('.', '_') : c.name();
    }

    @Override
    public boolean next() {
        try {
            while (groupRow >= groupRows) {
                PageReadStore pages = reader.readNextRowGroup();
                if (pages == null) {
                    return false;
                }
                group++;
                groupRows = pages.getRowCount();
                groupRow = 0;
                ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, converter, schema, createdBy);
                readers = new ColumnReader[leaves.size()];
                consumed = new long[leaves.size()];
                for (int c = 0; c < readers.length; c++) {
                    readers[c] = store.getColumnReader(leaves.get(c).descriptor());
                }
            }
            for (int c = 0; c < values.length; c++) {
                values[c] = read(c);
            }
            groupRow++;
            row++;
            return true;
        } catch (IOException e) {
            throw new SourceException(at(row + 1), "read failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new SourceException(at(row + 1), "the file cannot be read past here (" + e.getMessage() + ")", e);
        }
    }

    private Object read(int c) {
        ColumnReader r = readers[c];
        ParquetColumns leaf = leaves.get(c);
        int maxDef = leaf.descriptor().getMaxDefinitionLevel();
        if (leaf.descriptor().getMaxRepetitionLevel() == 0) {
            Object v = r.getCurrentDefinitionLevel() == maxDef ? leaf.read(r) : null;
            r.consume();
            return v;
        }
        List<Object> list = null;
        long total = r.getTotalValueCount();
        do {
            if (r.getCurrentDefinitionLevel() == maxDef) {
                if (list == null) {
                    list = new ArrayList<>();
                }
                list.add(leaf.read(r));
            }
            r.consume();
            consumed[c]++;
        } while (consumed[c] < total && r.getCurrentRepetitionLevel() > 0);
        return list == null ? null : Collections.unmodifiableList(list);
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public Object value(int column) {
        return column < values.length ? values[column] : null;
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
        return "row " + fileRow + " (row group " + group + ")";
    }

    @Override
    public void close() {
        try (spool) {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
