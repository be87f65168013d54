package io.strata.api.analytics.expression;

import io.strata.api.analytics.expression.Expression.Aggregation;
import io.strata.api.analytics.expression.Expression.Arithmetic;
import io.strata.api.analytics.expression.Expression.Literal;
import io.strata.api.analytics.expression.Expression.MeasureReference;
import io.strata.api.analytics.expression.Expression.Negation;
import io.strata.api.analytics.expression.Expression.NullIf;
import io.strata.api.analytics.expression.Expression.Operator;
import java.util.regex.Pattern;

/**
 * The measure expression grammar, parsed by recursive descent:
 *
 * <pre>
 * expression := term (('+' | '-') term)*
 * term       := factor (('*' | '/') factor)*
 * factor     := '-' factor | number | '(' expression ')' | aggregate | nullif | measure
 * aggregate  := AGGREGATE '(' (column | '*') ')'      -- '*' only for COUNT
 * nullif     := NULLIF '(' expression ',' expression ')'
 * measure    := name                                   -- another measure of the dataset
 * column     := name
 * name       := [A-Za-z_][A-Za-z0-9_]* | '"' any text, "" for a quote '"'
 * </pre>
 *
 * Keywords (the aggregates and NULLIF) are case-insensitive. Nothing else is accepted: no functions, no
 * comparisons, no strings, so nothing a user writes reaches SQL except through the tree.
 */
public final class MeasureExpressions {

    /** The longest expression accepted, in characters. */
    public static final int MAX_LENGTH = 2_000;

    private static final int MAX_NESTING = 32;
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final String text;
    private int position;
    private int nesting;

    private MeasureExpressions(String text) {
        this.text = text;
    }

    /**
     * Parses an expression.
     *
     * @throws ExpressionException naming the position and what was expected there
     */
    public static Expression parse(String text) {
        if (text == null || text.isBlank()) {
            throw new ExpressionException("the expression is empty", 0);
        }
        if (text.length() > MAX_LENGTH) {
            throw new ExpressionException("the expression is longer than " + MAX_LENGTH + " characters", MAX_LENGTH);
        }
        MeasureExpressions parser = new MeasureExpressions(text);
        Expression expression = parser.expression();
        parser.skipSpaces();
        if (parser.position < text.length()) {
            throw parser.error("unexpected '" + text.charAt(parser.position) + "'");
        }
        return expression;
    }

    /** Whether {@code name} is a keyword of the grammar (and so cannot name a measure). */
    public static boolean isKeyword(String name) {
        return keyword(name) != null || name.equalsIgnoreCase("NULLIF");
    }

    /** A name as the grammar writes it: plain when it can be, else double-quoted. */
    static String identifier(String name) {
        return PLAIN.matcher(name).matches() && !isKeyword(name) ? name : '"' + name.replace("\"", "\"\"") + '"';
    }

    private Expression expression() {
        Expression left = term();
        while (true) {
            if (accept('+')) {
                left = new Arithmetic(Operator.PLUS, left, term());
            } else if (accept('-')) {
                left = new Arithmetic(Operator.MINUS, left, term());
            } else {
                return left;
            }
        }
    }

    private Expression term() {
        Expression left = factor();
        while (true) {
            if (accept('*')) {
                left = new Arithmetic(Operator.TIMES, left, factor());
            } else if (accept('/')) {
                left = new Arithmetic(Operator.DIVIDE, left, factor());
            } else {
                return left;
            }
        }
    }

    private Expression factor() {
        if (++nesting > MAX_NESTING) {
            throw error("the expression nests deeper than " + MAX_NESTING + " levels");
        }
        try {
            skipSpaces();
            if (position >= text.length()) {
                throw error("expected a number, a measure, an aggregate or '(' but the expression ended");
            }
            char c = text.charAt(position);
            if (accept('-')) {
                return new Negation(factor());
            }
            if (accept('(')) {
                Expression inner = expression();
                expect(')');
                return inner;
            }
            if (Character.isDigit(c) || c == '.') {
                return number();
            }
            if (c == '"' || Character.isLetter(c) || c == '_') {
                int start = position;
                boolean quoted = c == '"';
                String name = name();
                skipSpaces();
                boolean call = !quoted && position < text.length() && text.charAt(position) == '(';
                if (call) {
                    return call(name, start);
                }
                return new MeasureReference(name);
            }
            throw error("expected a number, a measure, an aggregate or '(' but found '" + c + "'");
        } finally {
            nesting--;
        }
    }

    private Expression call(String name, int start) {
        if (name.equalsIgnoreCase("NULLIF")) {
            expect('(');
            Expression value = expression();
            expect(',');
            Expression whenEqual = expression();
            expect(')');
            return new NullIf(value, whenEqual);
        }
        Aggregate aggregate = keyword(name);
        if (aggregate == null) {
            throw new ExpressionException(
                    "unknown function '" + name + "'; use one of " + java.util.Arrays.toString(Aggregate.values())
                            + " or NULLIF",
                    start);
        }
        expect('(');
        skipSpaces();
        String column;
        if (accept('*')) {
            if (aggregate != Aggregate.COUNT) {
                throw error(aggregate + "(*) is not allowed; name a column");
            }
            column = null;
        } else if (aggregate == Aggregate.COUNT && peek(')')) {
            column = null;
        } else {
            skipSpaces();
            if (position >= text.length() || !(text.charAt(position) == '"' || isNameStart(text.charAt(position)))) {
                throw error(aggregate + " takes a column name");
            }
            column = name();
        }
        expect(')');
        return new Aggregation(aggregate, column);
    }

    private Expression number() {
        int start = position;
        while (position < text.length() && (Character.isDigit(text.charAt(position)) || text.charAt(position) == '.')) {
            position++;
        }
        if (position < text.length() && (text.charAt(position) == 'e' || text.charAt(position) == 'E')) {
            position++;
            if (position < text.length() && (text.charAt(position) == '+' || text.charAt(position) == '-')) {
                position++;
            }
            while (position < text.length() && Character.isDigit(text.charAt(position))) {
                position++;
            }
        }
        String literal = text.substring(start, position);
        try {
            return new Literal(Double.parseDouble(literal));
        } catch (IllegalArgumentException e) {
            throw new ExpressionException("'" + literal + "' is not a number", start);
        }
    }

    private String name() {
        if (text.charAt(position) == '"') {
            int start = position;
            StringBuilder name = new StringBuilder();
            position++;
            while (true) {
                if (position >= text.length()) {
                    throw new ExpressionException("the quoted name is not closed", start);
                }
                char c = text.charAt(position++);
                if (c == '"') {
                    if (position < text.length() && text.charAt(position) == '"') {
                        name.append('"');
                        position++;
                    } else {
                        break;
                    }
                } else {
                    name.append(c);
                }
            }
            if (name.isEmpty()) {
                throw new ExpressionException("a quoted name must not be empty", start);
            }
            return name.toString();
        }
        int start = position;
        while (position < text.length()
                && (isNameStart(text.charAt(position)) || Character.isDigit(text.charAt(position)))) {
            position++;
        }
        return text.substring(start, position);
    }

    private static boolean isNameStart(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    }

    private static Aggregate keyword(String name) {
        for (Aggregate aggregate : Aggregate.values()) {
            if (aggregate.name().equalsIgnoreCase(name)) {
                return aggregate;
            }
        }
        return null;
    }

    private boolean accept(char c) {
        skipSpaces();
        if (position < text.length() && text.charAt(position) == c) {
            position++;
            return true;
        }
        return false;
    }

    private boolean peek(char c) {
        skipSpaces();
        return position < text.length() && text.charAt(position) == c;
    }

    private void expect(char c) {
        if (!accept(c)) {
            throw error(
                    position < text.length()
                            ? "expected '" + c + "' but found '" + text.charAt(position) + "'"
                            : "expected '" + c + "' but the expression ended");
        }
    }

    private void skipSpaces() {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }

    private ExpressionException error(String message) {
        return new ExpressionException(message, position);
    }
}
