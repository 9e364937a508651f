package io.cuttle.policy.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Static checks on a handler's text with comments and string literals blanked out (so offsets
 * still map to line:column): actions called inside {@code exception}, and {@code net.x} /
 * {@code host.x} members that do not exist.
 */
final class SourceScan {
  static final Set<String> ACTIONS = Set.of("restrict", "block", "mark", "unrestrict", "removeAllRestrictions",
      "notify", "report", "register", "deregister");
  static final List<String> NET = List.of("version", "staleness", "self", "sites", "links", "events", "site", "link",
      "linksWithLabel", "pathTo", "usesLabel");
  static final List<String> HOST = List.of("name", "apps", "users", "app", "user");
  private static final Pattern MEMBER = Pattern.compile("\\b(net|host)\\s*\\.\\s*([A-Za-z_$][A-Za-z0-9_$]*)");
  private static final Pattern CALL = Pattern.compile("\\b([A-Za-z_$][A-Za-z0-9_$]*)\\s*\\(");
  private static final Pattern EXCEPTION = Pattern.compile("\\bfunction\\s+exception\\s*\\(");

  private final String file;
  private final String code;
  private final int[] lineStarts;

  SourceScan(String file, String source) {
    this.file = file;
    this.code = blank(source);
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = 0; i < source.length(); i++) {
      if (source.charAt(i) == '\n') {
        starts.add(i + 1);
      }
    }
    this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
  }

  List<Finding> findings() {
    List<Finding> out = new ArrayList<>();
    Matcher m = MEMBER.matcher(code);
    while (m.find()) {
      List<String> known = m.group(1).equals("net") ? NET : HOST;
      if (!known.contains(m.group(2))) {
        out.add(at(m.start(2), Finding.Severity.ERROR, m.group(1) + "." + m.group(2) + ": expected one of "
            + String.join(", ", known) + ", got '" + m.group(2) + "'"));
      }
    }
    Matcher e = EXCEPTION.matcher(code);
    if (e.find()) {
      int open = code.indexOf('{', e.end());
      int close = open < 0 ? -1 : matching(open);
      if (close > open) {
        Matcher c = CALL.matcher(code).region(open, close);
        while (c.find()) {
          if (ACTIONS.contains(c.group(1)) && !isMember(c.start(1))) {
            out.add(at(c.start(1), Finding.Severity.ERROR, "exception(net) must have no side effects: expected no "
                + "call to " + c.group(1) + "(), got one"));
          }
        }
      }
    }
    return out;
  }

  private boolean isMember(int pos) {
    int i = pos - 1;
    while (i >= 0 && Character.isWhitespace(code.charAt(i))) {
      i--;
    }
    return i >= 0 && code.charAt(i) == '.';
  }

  private int matching(int open) {
    int depth = 0;
    for (int i = open; i < code.length(); i++) {
      char ch = code.charAt(i);
      if (ch == '{') {
        depth++;
      } else if (ch == '}' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  private Finding at(int offset, Finding.Severity severity, String message) {
    int line = 0;
    while (line + 1 < lineStarts.length && lineStarts[line + 1] <= offset) {
      line++;
    }
    return new Finding(file, line + 1, offset - lineStarts[line] + 1, severity, message);
  }

  /** Replaces comments and string/template literal contents with spaces, keeping newlines. */
  static String blank(String s) {
    StringBuilder b = new StringBuilder(s);
    int i = 0;
    while (i < b.length()) {
      char c = b.charAt(i);
      char n = i + 1 < b.length() ? b.charAt(i + 1) : 0;
      if (c == '/' && n == '/') {
        while (i < b.length() && b.charAt(i) != '\n') {
          b.setCharAt(i++, ' ');
        }
      } else if (c == '/' && n == '*') {
        int end = b.indexOf("*/", i + 2);
        end = end < 0 ? b.length() : end + 2;
        for (; i < end; i++) {
          if (b.charAt(i) != '\n') {
            b.setCharAt(i, ' ');
          }
        }
      } else if (c == '"' || c == '\'' || c == '`') {
        i++;
        while (i < b.length() && b.charAt(i) != c) {
          if (b.charAt(i) == '\\' && i + 1 < b.length()) {
            b.setCharAt(i++, ' ');
          }
          if (b.charAt(i) != '\n') {
            b.setCharAt(i, ' ');
          }
          i++;
        }
        i++;
      } else {
        i++;
      }
    }
    return b.toString();
  }
}
