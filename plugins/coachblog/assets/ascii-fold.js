// Made by scripts/ascii_fold_js.py from LETTERS and APOSTROPHES in coachblog/text.py: do not edit.
// window.coachblogFold does what text.py does, step for step; tests/test_fold.py holds them equal.
(function () {
  "use strict";
  var table = {"\u00c6": "AE", "\u00d0": "D", "\u00d8": "O", "\u00de": "TH", "\u00df": "ss", "\u00e6": "ae", "\u00f0": "d", "\u00f8": "o", "\u00fe": "th", "\u0110": "D", "\u0111": "d", "\u0126": "H", "\u0127": "h", "\u0131": "i", "\u0138": "k", "\u0141": "L", "\u0142": "l", "\u014a": "N", "\u014b": "n", "\u0152": "OE", "\u0153": "oe", "\u0166": "T", "\u0167": "t", "\u0180": "b", "\u0181": "B", "\u0182": "B", "\u0183": "b", "\u0186": "O", "\u0187": "C", "\u0188": "c", "\u0189": "D", "\u018a": "D", "\u018b": "D", "\u018c": "d", "\u018e": "E", "\u018f": "E", "\u0190": "E", "\u0191": "F", "\u0192": "f", "\u0193": "G", "\u0194": "G", "\u0196": "I", "\u0197": "I", "\u0198": "K", "\u0199": "k", "\u019a": "l", "\u019c": "M", "\u019d": "N", "\u019e": "n", "\u019f": "O", "\u01a4": "P", "\u01a5": "p", "\u01a9": "S", "\u01ab": "t", "\u01ac": "T", "\u01ad": "t", "\u01ae": "T", "\u01b1": "U", "\u01b2": "V", "\u01b3": "Y", "\u01b4": "y", "\u01b5": "Z", "\u01b6": "z", "\u01b7": "Z", "\u01dd": "e", "\u01e4": "G", "\u01e5": "g", "\u0221": "d", "\u0224": "Z", "\u0225": "z", "\u0234": "l", "\u0235": "n", "\u0236": "t", "\u0237": "j", "\u023b": "C", "\u023c": "c", "\u023d": "L", "\u023e": "T", "\u023f": "s", "\u0240": "z", "\u0243": "B", "\u0244": "U", "\u0246": "E", "\u0247": "e", "\u0248": "J", "\u0249": "j", "\u024c": "R", "\u024d": "r", "\u024e": "Y", "\u024f": "y", "\u0251": "a", "\u0253": "b", "\u0254": "o", "\u0256": "d", "\u0257": "d", "\u0259": "e", "\u025b": "e", "\u0260": "g", "\u0261": "g", "\u0263": "g", "\u0268": "i", "\u0269": "i", "\u026f": "m", "\u0272": "n", "\u0275": "o", "\u0283": "s", "\u0288": "t", "\u0289": "u", "\u028a": "u", "\u028b": "v", "\u0292": "z", "\u02bb": "'", "\u02bc": "'", "\u1e9e": "SS", "\u2018": "'", "\u2019": "'"};
  var spelled = new RegExp("[" + Object.keys(table).join("") + "]", "g");

  // plain_letters(): NFKD, combining marks (Mn) dropped, LETTERS spelled out; case and other scripts kept.
  function plain(text) {
    return text.normalize("NFKD").replace(/\p{Mn}/gu, "")
      .replace(spelled, function (c) { return table[c]; });
  }

  // fold(): the folding rule ('Straße' -> 'strasse'); letters of other scripts are kept.
  function fold(text) {
    return plain(text).toLowerCase();
  }

  // ascii_fold(): lowercase ASCII; letters with no ASCII form are dropped.
  function ascii(text) {
    return fold(text).replace(/[^\x00-\x7f]/g, "");
  }

  // search_key(): the finder's compare form ('Saint Ives' and 'St. Ives' are 'st ives'; 'Москва' is kept).
  function key(text) {
    return fold(text).replace(/[.'`]/g, "").replace(/[^,\p{L}\p{N}\p{M}]+/gu, " ").trim()
      .replace(/^saint /, "st ");
  }

  // slugify(): a URL name ("Alex O'Brien" -> 'alex-obrien').
  function slug(name) {
    return ascii(name).replace(/['`]/g, "").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  }

  window.coachblogFold = { plain: plain, fold: fold, ascii: ascii, key: key, slug: slug };
})();
