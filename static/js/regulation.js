// Search within a regulation page: shows the clauses that contain every typed word, opens their sections and
// says how many were found. Without the script the page is whole and the browser's own find still works.
(function () {
  "use strict";
  var input = document.getElementById("clause-filter");
  if (!input) { return; }
  var status = document.getElementById("clause-filter-status");
  var clauses = Array.prototype.slice.call(document.querySelectorAll(".clause"));
  var sections = Array.prototype.slice.call(document.querySelectorAll("details.clause-section"));
  // "İctimai" matches "ictimai" whatever the page's language (lower-cased İ keeps a combining dot outside Turkic)
  var fold = function (text) { return text.toLowerCase().normalize("NFD").replace(/\u0307/g, "").normalize("NFC"); };
  var texts = clauses.map(function (clause) { return fold(clause.textContent); });
  input.hidden = false;
  input.closest("form").hidden = false;
  input.closest("form").addEventListener("submit", function (event) { event.preventDefault(); });
  input.addEventListener("input", function () {
    var words = fold(input.value).split(/\s+/).filter(Boolean);
    var found = 0;
    clauses.forEach(function (clause, index) {
      var match = words.every(function (word) { return texts[index].indexOf(word) !== -1; });
      clause.hidden = words.length > 0 && !match;
      if (match && words.length) { found += 1; }
    });
    sections.forEach(function (section) {
      var visible = section.querySelectorAll(".clause:not([hidden])").length;
      section.hidden = words.length > 0 && visible === 0;
      if (words.length && visible) { section.open = true; }
    });
    status.textContent = words.length ? status.dataset.found + " " + found : "";
  });
})();
