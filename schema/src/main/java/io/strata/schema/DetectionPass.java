package io.strata.schema;

import io.strata.schema.format.ColumnLimitException;
import io.strata.schema.format.DeclaredType;
import io.strata.schema.format.LibraryMessages;
import io.strata.schema.format.RowSource;
import io.strata.schema.format.SourceException;
import io.strata.schema.format.TextRow;
import io.strata.schema.value.NumberSyntax;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * One detection: buffer the first rows, infer, then validate every row (buffered ones first) while profiling
 * and, when asked, writing the normalized copy. Single use, not thread-safe.
 */
final class DetectionPass {
    /** Characters of raw text the inference buffer may hold, whatever {@code inferenceRows} says. */
    private static final long BUFFER_CHARS = 32L * 1024 * 1024;

    private final DetectionOptions options;
    private final String fileName;
    private final List<ColumnValidator> validators = new ArrayList<>();
    /** {@link #validators} as an array, for the per-value loop. */
    private ColumnValidator[] columns = new ColumnValidator[0];

    private final List<RowProblem> problems = new ArrayList<>();
    private final List<Map<String, Object>> sample = new ArrayList<>();
    private final DruidNames names = new DruidNames();
    private ColumnInference inference;
    private char decimalSeparator;
    private NormalizedWriter writer;
    private long rows;
    private long badRows;

    DetectionPass(DetectionOptions options, String fileName) {
        this.options = options;
        this.fileName = fileName;
    }

    private record Buffered(Object[] values, String problem, String location) {}

    DetectionResult run(java.io.InputStream in, OutputStream sink) {
        SourceOpener.Opened opened = SourceOpener.open(in, fileName, options);
        try (RowSource source = opened.source()) {
            if (source.columns().size() > options.maxColumns()) {
                throw new TooManyColumnsException(fileName, source.columns().size(), options.maxColumns());
            }
            List<Buffered> buffer = fill(source);
            List<String> columns = List.copyOf(source.columns());
            List<String> bases = new ArrayList<>(columns.size());
            for (int c = 0; c < columns.size(); c++) {
                bases.add(source.druidNameBase(c));
            }
            List<String> druidNames = names.assign(bases);
            decimalSeparator = options.decimalSeparator() != null ? options.decimalSeparator() : sniffDecimal(buffer);
            inference = new ColumnInference(options, decimalSeparator);
            List<DeclaredType> declared = source.declaredTypes();
            for (int c = 0; c < columns.size(); c++) {
                List<Object> values = new ArrayList<>(buffer.size());
                for (Buffered b : buffer) {
                    values.add(c < b.values().length ? b.values()[c] : null);
                }
                ColumnPlan plan = inference.infer(
                        c, columns.get(c), druidNames.get(c), values, c < declared.size() ? declared.get(c) : null);
                validators.add(new ColumnValidator(plan, options, decimalSeparator));
            }
            this.columns = validators.toArray(new ColumnValidator[0]);
            String because = opened.normalizeBecause();
            if (because == null) {
                because = validators.stream()
                        .filter(v -> v.plan().rewrites())
                        .findFirst()
                        .map(v -> "[" + v.plan().druidName() + "] writes numbers in a way Druid cannot read"
                                + " (thousands separators, decimal comma or a leading +)")
                        .orElse(null);
            }
            if (because == null) {
                // Asked last, and only when nothing else needs a copy: a source told Druid reads the original
                // refuses, from then on, what Druid would read differently.
                because = source.normalizeBecause();
            }
            FileFormat normalized = because == null ? null : FileFormat.JSONL;
            if (normalized != null && sink != null) {
                writer = new NormalizedWriter(sink);
            }
            for (Buffered b : buffer) {
                Object[] values = b.values();
                row(source, c -> c < values.length ? values[c] : null, b.problem(), b.location(), false);
            }
            buffer = null;
            IntFunction<Object> live = source::value;
            while (source.next()) {
                row(source, live, source.problem(), null, true);
            }
            if (writer != null) {
                writer.close();
            }
            return result(opened, normalized, because);
        } catch (SourceException e) {
            throw new UndecodableFileException(
                    fileName, rows + 1, null, e.getMessage() + (e.location() == null ? "" : " at " + e.location()), e);
        } catch (ColumnLimitException e) {
            throw new TooManyColumnsException(fileName, e.columns(), e.limit());
        } catch (UncheckedIOException e) {
            throw new UndecodableFileException(
                    fileName,
                    "reading failed: " + LibraryMessages.clean(e.getCause().getMessage()),
                    e);
        }
    }

    private List<Buffered> fill(RowSource source) {
        List<Buffered> buffer = new ArrayList<>();
        long chars = 0;
        while (buffer.size() < options.inferenceRows() && chars < BUFFER_CHARS && source.next()) {
            Object[] values = new Object[source.size()];
            for (int i = 0; i < values.length; i++) {
                Object v = source.value(i);
                values[i] = v;
                if (v instanceof String s) {
                    chars += s.length();
                }
            }
            buffer.add(new Buffered(values, source.problem(), source.location()));
        }
        return buffer;
    }

    private static char sniffDecimal(List<Buffered> buffer) {
        NumberSyntax point = new NumberSyntax('.');
        NumberSyntax comma = new NumberSyntax(',');
        long evidence = 0;
        for (Buffered b : buffer) {
            for (Object v : b.values()) {
                if (v instanceof String s) {
                    evidence += NumberSyntax.decimalCommaEvidence(s.trim(), point, comma);
                }
            }
        }
        return evidence > 0 ? ',' : '.';
    }

    /**
     * Validates one row. A live row's location is asked from the source only when the row has a problem: most rows
     * have none, and building the text for each would cost more than checking some of their values.
     */
    private void row(
            RowSource source, IntFunction<Object> value, String problem, String bufferedLocation, boolean live) {
        rows++;
        String location = bufferedLocation;
        if (source.columns().size() > validators.size()) {
            addLateColumns(source);
        }
        boolean bad = false;
        if (problem != null) {
            bad = true;
            if (problems.size() < options.maxProblems()) {
                location = live ? source.location() : location;
                addProblem(null, "row " + problem + at(location));
            }
        }
        boolean keep = writer != null || sample.size() < options.sampleSize();
        Map<String, Object> typed = keep ? new LinkedHashMap<>() : null;
        TextRow text = live ? source.textRow() : null;
        for (ColumnValidator v : columns) {
            int c = v.column();
            int status;
            if (text == null) {
                status = v.accept(value.apply(c), rows);
            } else {
                status = c < text.size()
                        ? v.accept(text.chars(), text.start(c), text.end(c), rows)
                        : v.accept(null, rows);
            }
            if (status == ColumnValidator.INVALID) {
                bad = true;
                if (problems.size() < options.maxProblems()) {
                    if (live && location == null) {
                        location = source.location();
                    }
                    addProblem(v.plan().druidName(), v.lastInvalid() + at(location));
                }
            } else if (status == ColumnValidator.VALID && keep) {
                typed.put(v.plan().druidName(), v.lastValue());
            }
        }
        if (bad) {
            badRows++;
        }
        if (keep) {
            if (sample.size() < options.sampleSize()) {
                sample.add(Collections.unmodifiableMap(typed));
            }
            if (writer != null) {
                writer.startRow();
                typed.forEach(writer::field);
                writer.endRow();
            }
        }
    }

    private static String at(String location) {
        return location == null ? "" : " (" + location + ")";
    }

    private void addLateColumns(RowSource source) {
        List<String> columns = source.columns();
        if (columns.size() > options.maxColumns()) {
            throw new TooManyColumnsException(fileName, columns.size(), options.maxColumns());
        }
        for (int c = validators.size(); c < columns.size(); c++) {
            String name = columns.get(c);
            String druidName = names.next(source.druidNameBase(c), c + 1);
            ColumnPlan plan = new ColumnPlan(
                    c,
                    name,
                    druidName,
                    ColumnType.STRING,
                    null,
                    null,
                    false,
                    "first seen at row " + rows + ", after the rows types were inferred from: kept as text",
                    false);
            validators.add(new ColumnValidator(plan, options, decimalSeparator));
        }
        this.columns = validators.toArray(new ColumnValidator[0]);
    }

    private void addProblem(String column, String reason) {
        if (problems.size() < options.maxProblems()) {
            problems.add(new RowProblem(rows, column, reason));
        }
    }

    private DetectionResult result(SourceOpener.Opened opened, FileFormat normalized, String because) {
        TimestampChoice timestamp = TimestampChooser.choose(validators, options, rows);
        List<ColumnSchema> columns = new ArrayList<>();
        for (ColumnValidator v : validators) {
            ColumnPlan p = v.plan();
            RoleRules.Role role = RoleRules.assign(v, p.druidName().equals(timestamp.column()), rows);
            ColumnRole overridden = options.roleOverrides()
                    .getOrDefault(p.name(), options.roleOverrides().get(p.druidName()));
            String reason = p.reason() + "; " + role.reason();
            ColumnRole finalRole = role.role();
            if (overridden != null) {
                finalRole = overridden;
                reason = p.reason() + "; role " + overridden + " set by option";
            }
            columns.add(new ColumnSchema(
                    p.name(),
                    p.druidName(),
                    p.type(),
                    finalRole,
                    reason,
                    p.timestampFormat() == null ? null : p.timestampFormat().druidFormat(),
                    p.multiValue(),
                    v.profile(options.topValues(), finalRole == ColumnRole.DIMENSION)));
        }
        DatasetSchema schema =
                new DatasetSchema(opened.format(), columns, timestamp, opened.dialect(), opened.sheets());
        boolean within = options.withinBudget(rows, badRows);
        return new DetectionResult(fileName, schema, report(within, because), sample, normalized, writer != null);
    }

    private ValidationReport report(boolean within, String because) {
        String verdict;
        if (rows == 0) {
            verdict = "empty: the file has no data rows";
        } else if (badRows == 0) {
            verdict = "valid: " + rows + " rows, no problems";
        } else {
            String share = String.format(java.util.Locale.ROOT, "%.2f%%", 100.0 * badRows / rows);
            String budget = String.format(java.util.Locale.ROOT, "%.2f%%", 100.0 * options.maxBadFraction())
                    + (options.maxBadRows() >= 0 ? " and at most " + options.maxBadRows() + " rows" : "");
            verdict = (within ? "acceptable: " : "rejected: ") + badRows + " of " + rows + " rows (" + share
                    + ") have problems, " + (within ? "within" : "over") + " the error budget of " + budget;
        }
        if (because != null) {
            verdict += "; needs a normalized copy because " + because;
        }
        return new ValidationReport(rows, badRows, problems, within && rows > 0, verdict);
    }
}
