package io.strata.api.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads SQL text the way PostgreSQL's lexer does, to split it into statements and to hand each to Calcite's parser
 * in a form it reads: comments (nested ones included) become blanks, {@code E'...'} and dollar-quoted strings become
 * standard strings, {@code $1} parameters become {@code ?}, and in the PostgreSQL dialect the spellings drivers' catalog
 * queries use and Calcite does not parse ({@code OPERATOR(pg_catalog.~)}, {@code COLLATE pg_catalog.default}, the
 * {@code pg_catalog.} qualifier, {@code ::int2[]}, {@code AS DEFAULT}) are rewritten to equivalent ones. Only
 * lexical rewriting happens here: what a statement means is Calcite's parse tree, never this text.
 */
public final class SqlScanner {

    private static final Set<String> LABEL_KEYWORDS = Set.of("default", "user", "value");

    private SqlScanner() {}

    /**
     * One statement of the text.
     *
     * @param text the statement as Calcite's parser is given it
     * @param tokens its tokens as written, blanks and comments left out (commands such as {@code SET} are read
     *     from them; strings keep their quotes)
     * @param parameters for each {@code ?} of {@code text}, in order, the 0-based client parameter it stands for
     * @param parameterCount how many client parameters the statement refers to (the highest {@code $n})
     */
    public record Statement(String text, List<String> tokens, List<Integer> parameters, int parameterCount) {

        public Statement {
            tokens = List.copyOf(tokens);
            parameters = List.copyOf(parameters);
        }

        /** Whether the statement is empty (only blanks and comments). */
        public boolean isEmpty() {
            return tokens.isEmpty();
        }

        /** The first token, lower case; empty for an empty statement. */
        public String first() {
            return tokens.isEmpty() ? "" : tokens.get(0).toLowerCase(Locale.ROOT);
        }
    }

    /** The statements of {@code sql}, split at every {@code ;} outside strings, identifiers and comments. */
    public static List<Statement> statements(String sql, Dialect dialect) {
        List<Statement> statements = new ArrayList<>();
        Builder current = new Builder(dialect);
        Lexer lexer = new Lexer(sql, dialect);
        for (Token token = lexer.next(); token != null; token = lexer.next()) {
            if (token.kind == Kind.SYMBOL && token.text.equals(";")) {
                statements.add(current.build());
                current = new Builder(dialect);
            } else {
                current.add(token);
            }
        }
        Statement last = current.build();
        if (!last.isEmpty() || statements.isEmpty()) {
            statements.add(last);
        }
        return statements;
    }

    /** The text as one statement; a second statement is refused (prepared statements and Druid's APIs take one). */
    public static Statement single(String sql, Dialect dialect) {
        List<Statement> statements = statements(sql, dialect);
        List<Statement> nonEmpty = statements.stream().filter(s -> !s.isEmpty()).toList();
        if (nonEmpty.size() > 1) {
            throw SqlException.syntax(
                    "cannot insert multiple commands into a prepared statement: send one statement at a time", 0);
        }
        return nonEmpty.isEmpty() ? statements.get(0) : nonEmpty.get(0);
    }

    enum Kind {
        WORD,
        QUOTED,
        STRING,
        NUMBER,
        PARAMETER,
        OPERATOR,
        SYMBOL,
        BLANK
    }

    /** A token; {@code text} is what the parser gets for it, {@code value} a string's or parameter's content. */
    record Token(Kind kind, String text, String value) {

        boolean is(String word) {
            return kind == Kind.WORD && text.equalsIgnoreCase(word);
        }

        boolean isSymbol(String symbol) {
            return (kind == Kind.SYMBOL || kind == Kind.OPERATOR) && text.equals(symbol);
        }
    }

    /** Builds one statement from its tokens, applying the dialect's rewrites. */
    private static final class Builder {
        private final Dialect dialect;
        private final List<Token> tokens = new ArrayList<>();

        Builder(Dialect dialect) {
            this.dialect = dialect;
        }

        void add(Token token) {
            tokens.add(token);
        }

        Statement build() {
            List<Token> significant = new ArrayList<>();
            for (Token t : tokens) {
                if (t.kind != Kind.BLANK) {
                    significant.add(t);
                }
            }
            StringBuilder text = new StringBuilder();
            List<String> words = new ArrayList<>();
            for (Token t : significant) {
                words.add(t.text);
            }
            List<Integer> parameters = new ArrayList<>();
            int count = 0;
            int positional = 0;
            boolean dollar = false;
            boolean question = false;
            List<String> clauses = new ArrayList<>(List.of(""));
            int s = 0; // index into significant
            for (int i = 0; i < tokens.size(); i++) {
                Token t = tokens.get(i);
                if (t.kind == Kind.BLANK) {
                    text.append(t.text);
                    continue;
                }
                Token next = s + 1 < significant.size() ? significant.get(s + 1) : null;
                Token previous = s > 0 ? significant.get(s - 1) : null;
                if (t.kind == Kind.SYMBOL && t.text.equals("(")) {
                    clauses.add("");
                } else if (t.kind == Kind.SYMBOL && t.text.equals(")") && clauses.size() > 1) {
                    clauses.remove(clauses.size() - 1);
                } else if (t.kind == Kind.WORD) {
                    String w = t.text.toLowerCase(Locale.ROOT);
                    if (Set.of("select", "from", "where", "group", "having", "order", "limit", "join", "on")
                            .contains(w)) {
                        clauses.set(clauses.size() - 1, w);
                    }
                }
                if (t.kind == Kind.PARAMETER) {
                    if (t.value == null) {
                        question = true;
                        parameters.add(positional++);
                        count = Math.max(count, positional);
                    } else {
                        dollar = true;
                        int n = Integer.parseInt(t.value);
                        parameters.add(n - 1);
                        count = Math.max(count, n);
                    }
                    text.append(pad("?", t.text.length()));
                    s++;
                    continue;
                }
                if (dialect == Dialect.POSTGRES) {
                    // OPERATOR(pg_catalog.~) -> ~
                    if (t.is("operator") && next != null && next.isSymbol("(") && s + 2 < significant.size()) {
                        int end = operatorEnd(significant, s + 2);
                        if (end > 0) {
                            StringBuilder original = new StringBuilder();
                            String operator = significant.get(end - 1).text;
                            int skipSignificant = end - s + 1;
                            int consumed = 0;
                            int j = i;
                            while (consumed < skipSignificant && j < tokens.size()) {
                                Token u = tokens.get(j);
                                original.append(u.text);
                                if (u.kind != Kind.BLANK) {
                                    consumed++;
                                }
                                j++;
                            }
                            text.append(' ').append(pad(operator, original.length() - 1));
                            i = j - 1;
                            s += skipSignificant;
                            continue;
                        }
                    }
                    // COLLATE [schema.]name -> nothing
                    if (t.is("collate") && next != null && (next.kind == Kind.WORD || next.kind == Kind.QUOTED)) {
                        int skip = 2;
                        if (s + 3 < significant.size() && significant.get(s + 2).isSymbol(".")) {
                            skip = 4;
                        }
                        int consumed = 0;
                        int j = i;
                        int length = 0;
                        while (consumed < skip && j < tokens.size()) {
                            Token u = tokens.get(j);
                            length += u.text.length();
                            if (u.kind != Kind.BLANK) {
                                consumed++;
                            }
                            j++;
                        }
                        text.append(" ".repeat(length));
                        i = j - 1;
                        s += skip;
                        continue;
                    }
                    // pg_catalog.x -> x (PostgreSQL always searches pg_catalog first)
                    if (t.is("pg_catalog") && next != null && next.isSymbol(".")) {
                        text.append(" ".repeat(t.text.length()));
                        s++;
                        // the '.' (possibly after blanks) is dropped too
                        int j = i + 1;
                        while (j < tokens.size() && tokens.get(j).kind == Kind.BLANK) {
                            text.append(tokens.get(j).text);
                            j++;
                        }
                        text.append(' ');
                        i = j;
                        s++;
                        continue;
                    }
                    // ::name[] -> ::_name (the array type's own name)
                    if (t.kind == Kind.WORD
                            && castType(significant, s)
                            && next != null
                            && next.isSymbol("[")
                            && s + 2 < significant.size()
                            && significant.get(s + 2).isSymbol("]")) {
                        String array = "_" + t.text.toLowerCase(Locale.ROOT);
                        text.append(array);
                        int consumed = 0;
                        int j = i + 1;
                        while (consumed < 2 && j < tokens.size()) {
                            if (tokens.get(j).kind != Kind.BLANK) {
                                consumed++;
                            }
                            j++;
                        }
                        i = j - 1;
                        s += 3;
                        continue;
                    }
                    // AS DEFAULT -> AS "default": PostgreSQL takes any keyword as a column label
                    if (t.kind == Kind.WORD
                            && previous != null
                            && previous.is("as")
                            && LABEL_KEYWORDS.contains(t.text.toLowerCase(Locale.ROOT))) {
                        text.append('"').append(t.text.toLowerCase(Locale.ROOT)).append('"');
                        s++;
                        continue;
                    }
                    // unnest(...) in a select list is a function call to Calcite only when quoted
                    if (t.is("unnest")
                            && next != null
                            && next.isSymbol("(")
                            && clauses.get(clauses.size() - 1).equals("select")) {
                        text.append("\"unnest\"");
                        s++;
                        continue;
                    }
                }
                text.append(t.text);
                s++;
            }
            if (dollar && question) {
                throw SqlException.syntax("a statement cannot mix $n and ? parameters", 0);
            }
            if (question && dialect == Dialect.POSTGRES) {
                throw SqlException.syntax(
                        "syntax error at or near \"?\": write parameters as $1, $2, ... (PostgreSQL's spelling)", 0);
            }
            return new Statement(text.toString(), words, parameters, count);
        }

        /** Whether the word at {@code s} follows {@code ::} (or {@code ::pg_catalog.}). */
        private static boolean castType(List<Token> significant, int s) {
            if (s >= 1 && significant.get(s - 1).isSymbol("::")) {
                return true;
            }
            return s >= 3
                    && significant.get(s - 1).isSymbol(".")
                    && significant.get(s - 2).is("pg_catalog")
                    && significant.get(s - 3).isSymbol("::");
        }

        /** The index after {@code schema . op )} or {@code op )} starting at {@code from}, or -1. */
        private static int operatorEnd(List<Token> significant, int from) {
            int k = from;
            if (k + 1 < significant.size()
                    && significant.get(k).kind == Kind.WORD
                    && significant.get(k + 1).isSymbol(".")) {
                k += 2;
            }
            if (k + 1 < significant.size()
                    && significant.get(k).kind == Kind.OPERATOR
                    && significant.get(k + 1).isSymbol(")")) {
                return k + 1;
            }
            return -1;
        }

        private static String pad(String text, int length) {
            return text.length() >= length ? text : text + " ".repeat(length - text.length());
        }
    }

    /** PostgreSQL's lexical rules (scan.l), as far as splitting and the rewrites above need them. */
    private static final class Lexer {
        private static final String OPERATOR_CHARS = "+-*/<>=~!@#%^&|`?";

        private final String sql;
        private final Dialect dialect;
        private int at;

        Lexer(String sql, Dialect dialect) {
            this.sql = sql;
            this.dialect = dialect;
        }

        Token next() {
            if (at >= sql.length()) {
                return null;
            }
            int start = at;
            char c = sql.charAt(at);
            if (Character.isWhitespace(c)) {
                while (at < sql.length() && Character.isWhitespace(sql.charAt(at))) {
                    at++;
                }
                return new Token(Kind.BLANK, sql.substring(start, at), null);
            }
            if (c == '-' && peek(1) == '-') {
                while (at < sql.length() && sql.charAt(at) != '\n') {
                    at++;
                }
                return blank(start);
            }
            if (c == '/' && peek(1) == '*') {
                int depth = 0;
                while (at < sql.length()) {
                    if (sql.startsWith("/*", at)) {
                        depth++;
                        at += 2;
                    } else if (sql.startsWith("*/", at)) {
                        depth--;
                        at += 2;
                        if (depth == 0) {
                            return blank(start);
                        }
                    } else {
                        at++;
                    }
                }
                throw SqlException.syntax("unterminated /* comment at or near \"/*\"", start + 1);
            }
            if ((c == 'E' || c == 'e') && peek(1) == '\'') {
                at++;
                return escapedString(start);
            }
            if (c == '\'') {
                return string(start);
            }
            if (c == '"') {
                at++;
                while (true) {
                    if (at >= sql.length()) {
                        throw SqlException.syntax("unterminated quoted identifier at or near \"\"\"", start + 1);
                    }
                    if (sql.charAt(at) == '"') {
                        if (peek(1) == '"') {
                            at += 2;
                            continue;
                        }
                        at++;
                        return new Token(Kind.QUOTED, sql.substring(start, at), null);
                    }
                    at++;
                }
            }
            if (c == '$') {
                if (Character.isDigit(peek(1))) {
                    at++;
                    while (at < sql.length() && Character.isDigit(sql.charAt(at))) {
                        at++;
                    }
                    String digits = sql.substring(start + 1, at);
                    return new Token(Kind.PARAMETER, sql.substring(start, at), digits);
                }
                Token quoted = dollarQuoted(start);
                if (quoted != null) {
                    return quoted;
                }
            }
            if (c == '?') {
                at++;
                return new Token(Kind.PARAMETER, "?", null);
            }
            if (Character.isLetter(c) || c == '_' || c > 127) {
                while (at < sql.length()) {
                    char d = sql.charAt(at);
                    if (Character.isLetterOrDigit(d) || d == '_' || d == '$' || d > 127) {
                        at++;
                    } else {
                        break;
                    }
                }
                return new Token(Kind.WORD, sql.substring(start, at), null);
            }
            if (Character.isDigit(c) || (c == '.' && Character.isDigit(peek(1)))) {
                while (at < sql.length() && (Character.isLetterOrDigit(sql.charAt(at)) || sql.charAt(at) == '.')) {
                    char d = sql.charAt(at);
                    if ((d == 'e' || d == 'E') && (peek(1) == '+' || peek(1) == '-')) {
                        at += 2;
                        continue;
                    }
                    at++;
                }
                return new Token(Kind.NUMBER, sql.substring(start, at), null);
            }
            if (c == ':' && peek(1) == ':') {
                at += 2;
                return new Token(Kind.SYMBOL, "::", null);
            }
            if (OPERATOR_CHARS.indexOf(c) >= 0) {
                while (at < sql.length()
                        && OPERATOR_CHARS.indexOf(sql.charAt(at)) >= 0
                        && !sql.startsWith("--", at)
                        && !sql.startsWith("/*", at)) {
                    if (sql.charAt(at) == '?') {
                        break;
                    }
                    at++;
                }
                if (at == start) {
                    at++;
                }
                return new Token(Kind.OPERATOR, sql.substring(start, at), null);
            }
            at++;
            return new Token(Kind.SYMBOL, String.valueOf(c), null);
        }

        private char peek(int ahead) {
            int i = at + ahead;
            return i < sql.length() ? sql.charAt(i) : '\0';
        }

        /** A comment, as blanks of its length (line breaks kept), so positions stay where the client wrote them. */
        private Token blank(int start) {
            StringBuilder blanks = new StringBuilder(at - start);
            for (int i = start; i < at; i++) {
                blanks.append(sql.charAt(i) == '\n' ? '\n' : ' ');
            }
            return new Token(Kind.BLANK, blanks.toString(), null);
        }

        /** A standard string: backslashes are plain characters (standard_conforming_strings is on). */
        private Token string(int start) {
            at++;
            StringBuilder value = new StringBuilder();
            while (true) {
                if (at >= sql.length()) {
                    throw SqlException.syntax("unterminated quoted string at or near \"'\"", start + 1);
                }
                char d = sql.charAt(at);
                if (d == '\'') {
                    if (peek(1) == '\'') {
                        value.append('\'');
                        at += 2;
                        continue;
                    }
                    at++;
                    return new Token(Kind.STRING, sql.substring(start, at), value.toString());
                }
                value.append(d);
                at++;
            }
        }

        /** {@code E'...'}: C-style escapes, handed on as a standard string of the same characters. */
        private Token escapedString(int start) {
            at++; // the quote
            StringBuilder value = new StringBuilder();
            while (true) {
                if (at >= sql.length()) {
                    throw SqlException.syntax("unterminated quoted string at or near \"E'\"", start + 1);
                }
                char d = sql.charAt(at);
                if (d == '\'' && peek(1) == '\'') {
                    value.append('\'');
                    at += 2;
                } else if (d == '\'') {
                    at++;
                    return standard(value.toString());
                } else if (d == '\\' && at + 1 < sql.length()) {
                    char e = sql.charAt(at + 1);
                    at += 2;
                    switch (e) {
                        case 'n' -> value.append('\n');
                        case 't' -> value.append('\t');
                        case 'r' -> value.append('\r');
                        case 'b' -> value.append('\b');
                        case 'f' -> value.append('\f');
                        case 'x' -> value.append((char) hex(2));
                        case 'u' -> value.appendCodePoint(hex(4));
                        case 'U' -> value.appendCodePoint(hex(8));
                        default -> {
                            if (e >= '0' && e <= '7') {
                                int code = e - '0';
                                for (int k = 0;
                                        k < 2 && at < sql.length() && sql.charAt(at) >= '0' && sql.charAt(at) <= '7';
                                        k++) {
                                    code = code * 8 + (sql.charAt(at++) - '0');
                                }
                                value.append((char) code);
                            } else {
                                value.append(e);
                            }
                        }
                    }
                } else {
                    value.append(d);
                    at++;
                }
            }
        }

        private int hex(int maxDigits) {
            int code = 0;
            int digits = 0;
            while (digits < maxDigits && at < sql.length() && Character.digit(sql.charAt(at), 16) >= 0) {
                code = code * 16 + Character.digit(sql.charAt(at++), 16);
                digits++;
            }
            if (digits == 0) {
                throw SqlException.syntax("invalid Unicode or hexadecimal escape in an E'...' string", at);
            }
            return code;
        }

        /** {@code $tag$...$tag$}, or null when the {@code $} starts no dollar quote. */
        private Token dollarQuoted(int start) {
            int end = at + 1;
            while (end < sql.length() && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
                end++;
            }
            if (end >= sql.length() || sql.charAt(end) != '$') {
                return null;
            }
            String tag = sql.substring(start, end + 1);
            int close = sql.indexOf(tag, end + 1);
            if (close < 0) {
                throw SqlException.syntax("unterminated dollar-quoted string at or near \"" + tag + "\"", start + 1);
            }
            String value = sql.substring(end + 1, close);
            at = close + tag.length();
            return standard(value);
        }

        private static Token standard(String value) {
            return new Token(Kind.STRING, "'" + value.replace("'", "''") + "'", value);
        }
    }
}
