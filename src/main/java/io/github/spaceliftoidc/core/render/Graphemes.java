package io.github.spaceliftoidc.core.render;

import java.util.Arrays;

/**
 * Counts grapheme clusters exactly as hclwrite does through Go's {@code textseg} (v15, Unicode 15.0): {@code terraform
 * fmt} aligns {@code =} by that count, so the formatter must count alike. Java 17's {@code BreakIterator} differs for
 * emoji sequences, flags, spacing marks (Thai SARA AM, Devanagari vowel signs) and prepended characters, all of which
 * may appear in tag keys and policy documents.
 *
 * <p>textseg follows UAX #29 with a few quirks of its own, which this class reproduces: spacing marks behave like
 * other extending marks, a ZWJ after any emoji, flag or Hangul cluster glues the next pictograph, and U+FFFD breaks
 * like a control character. The property table was derived from the Unicode {@code Grapheme_Cluster_Break} and
 * {@code Extended_Pictographic} data and settled code point by code point against {@code terraform fmt} 1.11 itself
 * (each character after a letter, before a letter, before an accent and after an emoji with ZWJ; the large uniform
 * blocks such as CJK ideographs by sample). {@code HclFormatterTerraformTest} re-checks every edge of the table.
 */
final class Graphemes {

  /** What a code point does in a cluster; spacing marks are folded into EXTEND, as textseg treats them alike. */
  private enum Kind {
    OTHER, CR, LF, CONTROL, EXTEND, ZWJ, REGIONAL_INDICATOR, PREPEND, L, V, T, LV, LVT, PICTOGRAPHIC
  }

  // Runs of code points of one kind: the run's first code point in hex, then a letter for its kind, which holds up to
  // the next run. O other, R CR, N LF, K control, X extend or spacing mark, Z ZWJ, I regional indicator, P prepend,
  // L/V/T Hangul jamo, M extended pictographic. Hangul syllables (LV, LVT) are computed instead.
  private static final String RUNS =
      "0KaNbKdReK20O7fKa0Oa9MaaOadKaeMafO300X370O483X48aO591X5beO5bfX5c0O5c1X5c3O5c4X5c6O5c7X5c8O600P606O"
      + "610X61bO61cK61dO64bX660O670X671O6d6X6ddP6deO6dfX6e5O6e7X6e9O6eaX6eeO70fP710O711X712O730X74bO7a6X7b1O"
      + "7ebX7f4O7fdX7feO816X81aO81bX824O825X828O829X82eO859X85cO890P892O898X8a0O8caX8e2P8e3X904O93aX93dO93eX"
      + "950O951X958O962X964O981X984O9bcX9bdO9beX9c5O9c7X9c9O9cbX9ceO9d7X9d8O9e2X9e4O9feX9ffOa01Xa04Oa3cXa3dO"
      + "a3eXa43Oa47Xa49Oa4bXa4eOa51Xa52Oa70Xa72Oa75Xa76Oa81Xa84OabcXabdOabeXac6Oac7XacaOacbXaceOae2Xae4OafaX"
      + "b00Ob01Xb04Ob3cXb3dOb3eXb45Ob47Xb49Ob4bXb4eOb55Xb58Ob62Xb64Ob82Xb83ObbeXbc3Obc6Xbc9ObcaXbceObd7Xbd8O"
      + "c00Xc05Oc3cXc3dOc3eXc45Oc46Xc49Oc4aXc4eOc55Xc57Oc62Xc64Oc81Xc84OcbcXcbdOcbeXcc5Occ6Xcc9OccaXcceOcd5X"
      + "cd7Oce2Xce4Ocf3Xcf4Od00Xd04Od3bXd3dOd3eXd45Od46Xd49Od4aXd4ePd4fOd57Xd58Od62Xd64Od81Xd84OdcaXdcbOdcfX"
      + "dd5Odd6Xdd7Odd8Xde0Odf2Xdf4Oe31Xe32Oe33Xe3bOe47Xe4fOeb1Xeb2Oeb3XebdOec8XecfOf18Xf1aOf35Xf36Of37Xf38O"
      + "f39Xf3aOf3eXf40Of71Xf85Of86Xf88Of8dXf98Of99XfbdOfc6Xfc7O102dX1038O1039X103fO1056X105aO105eX1061O"
      + "1071X1075O1082X1083O1084X1087O108dX108eO109dX109eO1100L1160V11a8T1200O135dX1360O1712X1716O1732X1735O"
      + "1752X1754O1772X1774O17b4X17d4O17ddX17deO180bX180eK180fX1810O1885X1887O18a9X18aaO1920X192cO1930X193cO"
      + "1a17X1a1cO1a55X1a5fO1a60X1a61O1a62X1a63O1a65X1a7dO1a7fX1a80O1ab0X1acfO1b00X1b05O1b34X1b45O1b6bX1b74O"
      + "1b80X1b83O1ba1X1baeO1be6X1bf4O1c24X1c38O1cd0X1cd3O1cd4X1ce9O1cedX1ceeO1cf4X1cf5O1cf7X1cfaO1dc0X1e00O"
      + "200bK200cX200dZ200eK2010O2028K202fO203cM203dO2049M204aO2060K2070O20d0X20f1O2122M2123O2139M213aO2194M"
      + "219aO21a9M21abO231aM231cO2328M2329O2388M2389O23cfM23d0O23e9M23f4O23f8M23fbO24c2M24c3O25aaM25acO25b6M"
      + "25b7O25c0M25c1O25fbM25ffO2600M2606O2607M2613O2614M2686O2690M2706O2708M2713O2714M2715O2716M2717O271dM"
      + "271eO2721M2722O2728M2729O2733M2735O2744M2745O2747M2748O274cM274dO274eM274fO2753M2756O2757M2758O2763M"
      + "2768O2795M2798O27a1M27a2O27b0M27b1O27bfM27c0O2934M2936O2b05M2b08O2b1bM2b1dO2b50M2b51O2b55M2b56O2cefX"
      + "2cf2O2d7fX2d80O2de0X2e00O302aX3030M3031O303dM303eO3099X309bO3297M3298O3299M329aOa66fXa673Oa674Xa67eO"
      + "a69eXa6a0Oa6f0Xa6f2Oa802Xa803Oa806Xa807Oa80bXa80cOa823Xa828Oa82cXa82dOa880Xa882Oa8b4Xa8c6Oa8e0Xa8f2O"
      + "a8ffXa900Oa926Xa92eOa947Xa954Oa960La97dOa980Xa984Oa9b3Xa9c1Oa9e5Xa9e6Oaa29Xaa37Oaa43Xaa44Oaa4cXaa4eO"
      + "aa7cXaa7dOaab0Xaab1Oaab2Xaab5Oaab7Xaab9OaabeXaac0Oaac1Xaac2OaaebXaaf0Oaaf5Xaaf7Oabe3XabebOabecXabeeO"
      + "d7b0Vd7c7Od7cbTd7fcOd800Ke000Ofb1eXfb1fOfe00Xfe10Ofe20Xfe30OfeffKff00Off9eXffa0Offf0KfffcOfffdKfffeO"
      + "101fdX101feO102e0X102e1O10376X1037bO10a01X10a04O10a05X10a07O10a0cX10a10O10a38X10a3bO10a3fX10a40O"
      + "10ae5X10ae7O10d24X10d28O10eabX10eadO10efdX10f00O10f46X10f51O10f82X10f86O11000X11003O11038X11047O"
      + "11070X11071O11073X11075O1107fX11083O110b0X110bbO110bdP110beO110c2X110c3O110cdP110ceO11100X11103O"
      + "11127X11135O11145X11147O11173X11174O11180X11183O111b3X111c1O111c2P111c4O111c9X111cdO111ceX111d0O"
      + "1122cX11238O1123eX1123fO11241X11242O112dfX112ebO11300X11304O1133bX1133dO1133eX11345O11347X11349O"
      + "1134bX1134eO11357X11358O11362X11364O11366X1136dO11370X11375O11435X11447O1145eX1145fO114b0X114c4O"
      + "115afX115b6O115b8X115c1O115dcX115deO11630X11641O116abX116b8O1171dX11720O11722X1172cO1182cX1183bO"
      + "11930X11936O11937X11939O1193bX1193fP11940X11941P11942X11944O119d1X119d8O119daX119e1O119e4X119e5O"
      + "11a01X11a0bO11a33X11a3aP11a3bX11a3fO11a47X11a48O11a51X11a5cO11a84P11a8aX11a9aO11c2fX11c37O11c38X"
      + "11c40O11c92X11ca8O11ca9X11cb7O11d31X11d37O11d3aX11d3bO11d3cX11d3eO11d3fX11d46P11d47X11d48O11d8aX"
      + "11d8fO11d90X11d92O11d93X11d98O11ef3X11ef7O11f00X11f02P11f03X11f04O11f34X11f3bO11f3eX11f43O13430K"
      + "13440X13441O13447X13456O16af0X16af5O16b30X16b37O16f4fX16f50O16f51X16f88O16f8fX16f93O16fe4X16fe5O"
      + "16ff0X16ff2O1bc9dX1bc9fO1bca0K1bca4O1cf00X1cf2eO1cf30X1cf47O1d165X1d16aO1d16dX1d173K1d17bX1d183O"
      + "1d185X1d18cO1d1aaX1d1aeO1d242X1d245O1da00X1da37O1da3bX1da6dO1da75X1da76O1da84X1da85O1da9bX1daa0O"
      + "1daa1X1dab0O1e000X1e007O1e008X1e019O1e01bX1e022O1e023X1e025O1e026X1e02bO1e08fX1e090O1e130X1e137O"
      + "1e2aeX1e2afO1e2ecX1e2f0O1e4ecX1e4f0O1e8d0X1e8d7O1e944X1e94bO1f000M1f100O1f10dM1f110O1f12fM1f130O"
      + "1f16cM1f172O1f17eM1f180O1f18eM1f18fO1f191M1f19bO1f1adM1f1e6I1f200O1f201M1f210O1f21aM1f21bO1f22fM"
      + "1f230O1f232M1f23bO1f23cM1f240O1f249M1f3fbX1f400M1f53eO1f546M1f650O1f680M1f700O1f774M1f780O1f7d5M"
      + "1f800O1f80cM1f810O1f848M1f850O1f85aM1f860O1f888M1f890O1f8aeM1f900O1f90cM1f93bO1f93cM1f946O1f947M"
      + "1fb00O1fc00M1fffeOe0000Ke0020Xe0080Ke0100Xe01f0Ke1000O";

  private static final int[] STARTS;
  private static final Kind[] KINDS;

  static {
    int[] starts = new int[RUNS.length()];
    Kind[] kinds = new Kind[RUNS.length()];
    int count = 0;
    int value = 0;
    for (int i = 0; i < RUNS.length(); i++) {
      char c = RUNS.charAt(i);
      if (Character.isUpperCase(c)) {
        starts[count] = value;
        kinds[count] = kind(c);
        count++;
        value = 0;
      } else {
        value = value * 16 + Character.digit(c, 16);
      }
    }
    STARTS = Arrays.copyOf(starts, count);
    KINDS = Arrays.copyOf(kinds, count);
  }

  private Graphemes() {}

  /** The first code point of each run of the property table, for tests that check the table against Terraform. */
  static int[] runStarts() {
    return STARTS.clone();
  }

  private static Kind kind(char letter) {
    return switch (letter) {
      case 'O' -> Kind.OTHER;
      case 'R' -> Kind.CR;
      case 'N' -> Kind.LF;
      case 'K' -> Kind.CONTROL;
      case 'X' -> Kind.EXTEND;
      case 'Z' -> Kind.ZWJ;
      case 'I' -> Kind.REGIONAL_INDICATOR;
      case 'P' -> Kind.PREPEND;
      case 'L' -> Kind.L;
      case 'V' -> Kind.V;
      case 'T' -> Kind.T;
      case 'M' -> Kind.PICTOGRAPHIC;
      default -> throw new IllegalStateException("Bad grapheme table entry " + letter);
    };
  }

  /** The number of grapheme clusters in {@code text}. */
  static int count(String text) {
    Kind[] kinds = text.codePoints().mapToObj(Graphemes::kindOf).toArray(Kind[]::new);
    int clusters = 0;
    for (int i = 0; i < kinds.length; i = clusterEnd(kinds, i)) {
      clusters++;
    }
    return clusters;
  }

  /** Where the cluster that starts at {@code i} ends: textseg's longest match. */
  private static int clusterEnd(Kind[] kinds, int i) {
    switch (kinds[i]) {
      case CR:
        return at(kinds, i + 1) == Kind.LF ? i + 2 : i + 1;
      case LF:
      case CONTROL:
        return i + 1;
      case PREPEND:
        int j = i;
        while (at(kinds, j) == Kind.PREPEND) {
          j++;
        }
        Kind next = at(kinds, j);
        return next == null || next == Kind.CR || next == Kind.LF || next == Kind.CONTROL ? j : sequenceEnd(kinds, j);
      default:
        return sequenceEnd(kinds, i);
    }
  }

  private static int sequenceEnd(Kind[] kinds, int i) {
    int j = i + 1;
    switch (kinds[i]) {
      case L, V, T, LV, LVT:
        return extension(kinds, hangulEnd(kinds, i));
      case PICTOGRAPHIC:
      case REGIONAL_INDICATOR:
        if (kinds[i] == Kind.REGIONAL_INDICATOR && at(kinds, j) == Kind.REGIONAL_INDICATOR) {
          j++; // a flag: two regional indicators
        }
        return extension(kinds, j);
      case ZWJ:
        while (at(kinds, j) == Kind.ZWJ || at(kinds, j) == Kind.EXTEND) {
          j++;
        }
        return j;
      default:
        while (at(kinds, j) == Kind.EXTEND || at(kinds, j) == Kind.ZWJ) {
          j++;
        }
        return j;
    }
  }

  /** Extending marks, and ZWJs that may each glue one more pictograph (with its own marks). */
  private static int extension(Kind[] kinds, int j) {
    while (true) {
      Kind kind = at(kinds, j);
      if (kind == Kind.EXTEND) {
        j++;
      } else if (kind == Kind.ZWJ) {
        j++;
        if (at(kinds, j) == Kind.PICTOGRAPHIC) {
          j++;
        }
      } else {
        return j;
      }
    }
  }

  /** The longest Hangul syllable sequence, as textseg's grammar spells it. */
  private static int hangulEnd(Kind[] kinds, int i) {
    int j = i;
    switch (kinds[i]) {
      case L:
        j = skip(kinds, j, Kind.L);
        if (at(kinds, j) == Kind.V || at(kinds, j) == Kind.LV && at(kinds, j + 1) == Kind.V) {
          j = skip(kinds, at(kinds, j) == Kind.LV ? j + 1 : j, Kind.V);
          return skip(kinds, j, Kind.T);
        }
        if (at(kinds, j) == Kind.LVT) {
          return skip(kinds, j + 1, Kind.T);
        }
        return at(kinds, j) == Kind.LV ? j + 1 : j;
      case LV:
        return skip(kinds, skip(kinds, j + 1, Kind.V), Kind.T);
      case V:
        return skip(kinds, skip(kinds, j, Kind.V), Kind.T);
      case LVT:
        return skip(kinds, j + 1, Kind.T);
      default:
        return skip(kinds, j, Kind.T);
    }
  }

  private static int skip(Kind[] kinds, int j, Kind kind) {
    while (at(kinds, j) == kind) {
      j++;
    }
    return j;
  }

  private static Kind at(Kind[] kinds, int i) {
    return i < kinds.length ? kinds[i] : null;
  }

  private static Kind kindOf(int codePoint) {
    if (codePoint >= 0xAC00 && codePoint <= 0xD7A3) {
      return (codePoint - 0xAC00) % 28 == 0 ? Kind.LV : Kind.LVT; // Hangul syllables, by their decomposition
    }
    int run = Arrays.binarySearch(STARTS, codePoint);
    return KINDS[run >= 0 ? run : -run - 2];
  }
}
