"""The folding rule of text.py written for the browser: assets/ascii-fold.js, made from text.TABLE.

scripts/ascii_fold_js.py writes the file; a test checks it is what `fold_script()` makes, as
schemas/ is checked against the coach schema. The finder and join pages load it before their scripts.
"""

from __future__ import annotations

import json

from coachblog.text import TABLE

REPO_PATH = "plugins/coachblog/assets/ascii-fold.js"
PACKAGE_PATH = "assets/ascii-fold.js"  # inside the coachblog package
SITE_PATH = "assets/coachblog/ascii-fold.js"

_SCRIPT = """\
// Made by scripts/ascii_fold_js.py from LETTERS and APOSTROPHES in coachblog/text.py: do not edit.
// window.coachblogFold does what text.py does, step for step; tests/test_fold.py holds them equal.
(function () {
  "use strict";
  var table = __TABLE__;
  var spelled = new RegExp("[" + Object.keys(table).join("") + "]", "g");

  // plain_letters(): NFKD, combining marks (Mn) dropped, LETTERS spelled out; case and other scripts kept.
  function plain(text) {
    return text.normalize("NFKD").replace(/\\p{Mn}/gu, "")
      .replace(spelled, function (c) { return table[c]; });
  }

  // fold(): the folding rule ('Straße' -> 'strasse'); letters of other scripts are kept.
  function fold(text) {
    return plain(text).toLowerCase();
  }

  // ascii_fold(): lowercase ASCII; letters with no ASCII form are dropped.
  function ascii(text) {
    return fold(text).replace(/[^\\x00-\\x7f]/g, "");
  }

  // search_key(): the finder's compare form ('Saint Ives' and 'St. Ives' are 'st ives'; 'Москва' is kept).
  function key(text) {
    return fold(text).replace(/[.'`]/g, "").replace(/[^,\\p{L}\\p{N}\\p{M}]+/gu, " ").trim()
      .replace(/^saint /, "st ");
  }

  // slugify(): a URL name ("Alex O'Brien" -> 'alex-obrien').
  function slug(name) {
    return ascii(name).replace(/['`]/g, "").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  }

  window.coachblogFold = { plain: plain, fold: fold, ascii: ascii, key: key, slug: slug };
})();
"""


def fold_script() -> str:
    """The source of assets/ascii-fold.js: text.py's table as JSON and the same steps in JavaScript."""
    table = json.dumps(TABLE, ensure_ascii=True, sort_keys=True)
    return _SCRIPT.replace("__TABLE__", table)
