/* roadmap-reports site: search over the prebuilt bigram index, and the changes table's filter.
   Plain JavaScript, no library; the pages work without it. */
(function () {
  "use strict";
  function fold(s) { return s.normalize("NFKC").toLowerCase().replace(/\s+/g, ""); }
  function search(index, query) {
    var q = fold(query), hits = null, i, g, ids, set;
    if (!q) { return []; }
    if (q.length === 1) {
      set = {};
      for (g in index.grams) {
        if (g.charAt(0) === q || g.charAt(1) === q) { index.grams[g].forEach(function (d) { set[d] = true; }); }
      }
      return Object.keys(set).map(Number).sort(function (a, b) { return a - b; });
    }
    for (i = 0; i + 1 < q.length; i++) {
      ids = index.grams[q.substr(i, 2)] || [];
      if (hits === null) { hits = ids.slice(); } else {
        set = {}; ids.forEach(function (d) { set[d] = true; });
        hits = hits.filter(function (d) { return set[d]; });
      }
      if (!hits.length) { break; }
    }
    return hits || [];
  }
  function runSearch() {
    var form = document.getElementById("search-form"), index = window.ROADMAP_SEARCH;
    if (!form || !index) { return; }
    var input = document.getElementById("q"), list = document.getElementById("results"),
        status = document.getElementById("search-status");
    function show(query) {
      var hits = search(index, query);
      list.textContent = "";
      hits.forEach(function (d) {
        var doc = index.docs[d], li = document.createElement("li"), a = document.createElement("a"),
            small = document.createElement("span");
        a.href = doc[0]; a.textContent = doc[1]; small.textContent = "（" + doc[2] + "）";
        li.appendChild(a); li.appendChild(document.createTextNode(" ")); li.appendChild(small);
        list.appendChild(li);
      });
      status.textContent = query ? "「" + query + "」：" + hits.length + "件の施策" : "";
    }
    var params = new URLSearchParams(window.location.search), initial = params.get("q") || "";
    input.value = initial;
    show(initial);
    form.addEventListener("submit", function (e) { e.preventDefault(); show(input.value); });
    input.addEventListener("input", function () { show(input.value); });
  }
  function runFilter() {
    var form = document.getElementById("filter"), table = document.getElementById("changes");
    if (!form || !table) { return; }
    form.hidden = false;
    var ministry = document.getElementById("f-ministry"), flag = document.getElementById("f-flag"),
        count = document.getElementById("f-count"), rows = table.tBodies[0].rows;
    function apply() {
      var m = ministry.value, f = flag.value, shown = 0, i, r, ok;
      for (i = 0; i < rows.length; i++) {
        r = rows[i];
        ok = (!m || (" " + r.getAttribute("data-ministries") + " ").indexOf(" " + m + " ") >= 0) &&
             (!f || (" " + r.getAttribute("data-flags") + " ").indexOf(" " + f + " ") >= 0);
        r.hidden = !ok;
        if (ok) { shown++; }
      }
      count.textContent = shown + "件を表示";
    }
    ministry.addEventListener("change", apply);
    flag.addEventListener("change", apply);
    form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
    apply();
  }
  runSearch();
  runFilter();
}());
