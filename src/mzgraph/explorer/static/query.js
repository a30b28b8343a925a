// The query page: Oxigraph's Yasgui (served by this server) opened with the project's prefixes and
// its named queries as tabs; its autocompleters that ask other hosts (prefix.cc, LOV) are off.
// Without Yasgui, a plain form runs the query on /query and shows the rows as a table.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("mz-data").textContent);
  var endpoint = window.location.origin + "/query";
  var select = document.getElementById("mz-examples");
  var area = document.getElementById("mz-sparql");
  var status = document.getElementById("mz-query-status");
  data.examples.forEach(function (ex, i) {
    var o = document.createElement("option");
    o.value = String(i); o.textContent = ex.name;
    select.appendChild(o);
  });
  area.value = data.examples[0].query;
  select.addEventListener("change", function () {
    var ex = data.examples[Number(select.value)];
    area.value = ex.query;
    if (window.mzyasgui) {
      var tab = window.mzyasgui.getTab();
      tab.setQuery(ex.query);
    }
  });

  function cell(tag, text) { var c = document.createElement(tag); c.textContent = text; return c; }
  function show(json) {
    var out = document.getElementById("mz-results");
    out.textContent = "";
    if (typeof json.boolean === "boolean") { out.appendChild(cell("p", String(json.boolean))); return; }
    var vars = json.head.vars, table = document.createElement("table"), head = document.createElement("tr");
    vars.forEach(function (v) { head.appendChild(cell("th", v)); });
    table.appendChild(head);
    json.results.bindings.forEach(function (b) {
      var tr = document.createElement("tr");
      vars.forEach(function (v) { tr.appendChild(cell("td", b[v] ? b[v].value : "")); });
      table.appendChild(tr);
    });
    out.appendChild(table);
    status.textContent = json.results.bindings.length + " rows";
  }
  function run(q) {
    status.textContent = "…";
    return fetch(endpoint, { method: "POST", body: new URLSearchParams({ query: q }),
                             headers: { "Accept": "application/sparql-results+json" } })
      .then(function (r) { return r.ok ? r.json() : r.text().then(function (t) { throw new Error(t); }); })
      .then(show, function (err) { status.textContent = String(err.message || err); });
  }
  document.getElementById("mz-query").addEventListener("submit", function (ev) {
    ev.preventDefault();
    run(area.value);
  });

  if (window.Yasgui) {
    Yasgui.Yasqe.defaults.autocompleters = ["variables"];
    var holder = document.getElementById("mz-yasgui");
    var yasgui = new Yasgui(holder, {
      requestConfig: { endpoint: endpoint, method: "POST" },
      copyEndpointOnNewTab: true,
      persistenceId: null,
      populateFromUrl: false,
      endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; }, keys: [] },
      yasqe: { value: data.examples[0].query }
    });
    var first = yasgui.getTab();
    first.setName(data.examples[0].name);
    data.examples.slice(1).forEach(function (ex) {
      yasgui.addTab(false, { name: ex.name, yasqe: { value: ex.query } });
    });
    document.getElementById("mz-query").style.display = "none";
    window.mzyasgui = yasgui;
  }
  window.mzquery = { run: run, examples: data.examples };
  document.body.setAttribute("data-ready", "1");
})();
