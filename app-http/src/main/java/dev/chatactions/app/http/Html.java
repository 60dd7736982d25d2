package dev.chatactions.app.http;

/** HTML escaping for text and attribute values; every piece of model or user text goes through it. */
final class Html {

    private Html() {}

    /** Escapes {@code & < > " '} so the result is safe as element text and inside a quoted attribute. */
    static String escape(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
