package io.strata.specs.cli;

import io.strata.schema.DetectionOptions;
import io.strata.schema.DetectionResult;
import io.strata.schema.SchemaDetector;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A detection run for the command line, with the normalized copy written where {@code --write-normalized} says.
 *
 * @param normalizedCopy the normalized copy written, or null when none was asked for or none was needed
 */
record Detected(DetectionResult result, Path normalizedCopy) {

    /**
     * Detects {@code arguments.file()}. When Druid cannot read the file as it is, a normalized copy is needed: it is
     * written to {@code --write-normalized}, or the spec must read it from {@code --input}; with neither, this fails.
     *
     * @throws IOException when the file cannot be read or the copy cannot be written
     * @throws io.strata.specs.InvalidSpecException when a normalized copy is needed but there is nowhere to read it
     */
    static Detected run(SpecArguments arguments, DetectionOptions options, PrintStream err) throws IOException {
        SchemaDetector detector = SchemaDetector.create(options);
        String file = arguments.file().toString();
        Path target = arguments.writeNormalized();
        if (target == null) {
            DetectionResult result;
            try (InputStream in = Files.newInputStream(arguments.file())) {
                result = detector.detect(in, file);
            }
            if (result.normalizedFormat() != null) {
                if (arguments.input() == null) {
                    throw io.strata.specs.InvalidSpecException.of(
                            "Druid cannot read this %s file as it is (%s); rerun with --write-normalized PATH to"
                                    + " write a normalized %s copy for Druid to read (and --input where Druid will"
                                    + " find that copy, if not on this machine)",
                            result.schema().format().id(),
                            result.report().verdict(),
                            result.normalizedFormat().id());
                }
                err.println("spec: note: Druid cannot read " + file + " as it is; the spec reads a normalized "
                        + result.normalizedFormat().id() + " copy from --input (write one with --write-normalized"
                        + " PATH)");
            }
            return new Detected(result, null);
        }
        Path absolute = target.toAbsolutePath().normalize();
        // Written beside the target and moved into place, so a failed run leaves no half-written copy behind.
        Path partial = Files.createTempFile(
                absolute.getParent(), absolute.getFileName().toString(), ".partial");
        try {
            DetectionResult result;
            try (InputStream in = Files.newInputStream(arguments.file());
                    OutputStream sink = Files.newOutputStream(partial)) {
                result = detector.detect(in, file, sink);
            }
            if (result.normalizedFormat() == null) {
                err.println("spec: note: Druid reads " + file + " as it is; no normalized copy written");
                return new Detected(result, null);
            }
            Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING);
            return new Detected(result, absolute);
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
