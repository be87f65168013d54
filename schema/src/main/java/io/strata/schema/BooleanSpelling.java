package io.strata.schema;

/** How a text column writes booleans. */
enum BooleanSpelling {
    TRUE_FALSE("true", "false"),
    YES_NO("yes", "no"),
    Y_N("y", "n"),
    T_F("t", "f"),
    ONE_ZERO("1", "0");

    private final String yes;
    private final String no;

    BooleanSpelling(String yes, String no) {
        this.yes = yes;
        this.no = no;
    }

    /** The spelling every given lower-case value uses, or null. */
    static BooleanSpelling of(Iterable<String> lowerValues) {
        for (BooleanSpelling s : values()) {
            boolean all = true;
            for (String v : lowerValues) {
                if (!v.equals(s.yes) && !v.equals(s.no)) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return s;
            }
        }
        return null;
    }

    /** TRUE, FALSE, or null when the text is neither (true/false are accepted in every spelling). */
    Boolean parse(String text) {
        if (text.equalsIgnoreCase(yes) || text.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (text.equalsIgnoreCase(no) || text.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        return null;
    }

    String describe() {
        return yes + "/" + no;
    }
}
