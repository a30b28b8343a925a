// The offline copy of the explorer (`mzgraph export --format site`), opened from disk with no server:
// search over search-index.js, the timeline's filters over the listed meetings, an article's
// highlighted span from the address (#hl=begin-end). Text reaches the page as textContent only.
(function () {
  "use strict";
  var me = document.currentScript;
  var root = (me && me.getAttribute("data-root")) || "";

  function hashParams() {
    var out = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (part) {
      if (!part) { return; }
      var kv = part.split("=");
      try { out[decodeURIComponent(kv[0])] = decodeURIComponent((kv[1] || "").replace(/\+/g, " ")); } catch (e) { /* a hand-typed address */ }
    });
    return out;
  }

  function setHash(params) {
    var parts = [];
    Object.keys(params).forEach(function (k) {
      if (params[k]) { parts.push(encodeURIComponent(k) + "=" + encodeURIComponent(params[k])); }
    });
    history.replaceState(null, "", parts.length ? "#" + parts.join("&") : location.pathname);
  }

  // -- search: every search box goes to the home page, which looks the words up in the index --
  var index = window.mzsite && window.mzsite.index;

  function render(q) {
    var form = document.querySelector("form.big-search");
    var list = document.getElementById("mz-hits");
    if (!list) {
      list = document.createElement("ul");
      list.id = "mz-hits";
      list.className = "hits";
      form.parentNode.insertBefore(list, form.nextSibling);
    }
    var found = document.getElementById("mz-found");
    if (!found) {
      found = document.createElement("p");
      found.id = "mz-found";
      list.parentNode.insertBefore(found, list);
    }
    list.textContent = "";
    found.textContent = "";
    q = q.trim();
    form.querySelector("input[name=q]").value = q;
    if (!q) { return; }
    var hits = index.entries.filter(function (e) { return e[0].indexOf(q) >= 0; });
    hits.sort(function (a, b) {
      return ((a[0] !== q) - (b[0] !== q)) || (a[0].length - b[0].length) || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
    });
    found.textContent = "找到 " + hits.length + " 个 (" + hits.length + " found)" +
      (hits.length > index.limit ? " · 显示前 " + index.limit + " (showing " + index.limit + ")" : "");
    hits.slice(0, index.limit).forEach(function (e) {
      var li = document.createElement("li");
      li.className = "hit";
      var badge = document.createElement("span");
      badge.className = "badge t-" + e[1];
      badge.textContent = (index.types[e[1]] || e[1]) + " " + e[1];
      var a = document.createElement("a");
      a.className = "t-" + e[1];
      a.href = e[2];
      a.textContent = e[0];
      li.appendChild(badge);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(a);
      list.appendChild(li);
    });
  }

  document.querySelectorAll("form[role=search]").forEach(function (form) {
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var q = form.querySelector("input[name=q]").value.trim();
      if (index) {
        setHash({ q: q });
        render(q);
      } else {
        location.href = root + "index.html" + (q ? "#q=" + encodeURIComponent(q) : "");
      }
    });
  });
  if (index) {
    var showQuery = function () { render(hashParams().q || ""); };
    window.addEventListener("hashchange", showQuery);
    showQuery();
  }

  // -- the meeting timeline: filters hide the meetings that do not match --
  var filters = document.querySelector("form.filters");
  if (filters) {
    var province = filters.querySelector("select[name=province]");
    var theme = filters.querySelector("select[name=theme]");
    var apply = function () {
      var p = province.value, t = theme.value, n = 0;
      document.querySelectorAll("li.meeting").forEach(function (li) {
        var themes = JSON.parse(li.getAttribute("data-themes") || "[]");
        var show = (!p || li.getAttribute("data-province") === p) && (!t || themes.indexOf(t) >= 0);
        li.hidden = !show;
        n += show ? 1 : 0;
      });
      document.querySelectorAll("section.month").forEach(function (s) {
        s.hidden = !s.querySelector("li.meeting:not([hidden])");
      });
      var count = document.getElementById("meeting-count");
      if (count) { count.textContent = String(n); }
      setHash({ province: p, theme: t });
    };
    filters.addEventListener("submit", function (ev) { ev.preventDefault(); apply(); });
    province.addEventListener("change", apply);
    theme.addEventListener("change", apply);
    var wanted = hashParams();
    [[province, wanted.province], [theme, wanted.theme]].forEach(function (pair) {
      if (pair[1] && Array.prototype.some.call(pair[0].options, function (o) { return o.value === pair[1]; })) {
        pair[0].value = pair[1];
      }
    });
    if (wanted.province || wanted.theme) { apply(); }
  }

  // -- an article opened at a span (#hl=begin-end): outline its marks and scroll to the first --
  var hl = /^#hl=(\d+)-(\d+)$/.exec(location.hash);
  if (hl) {
    var marks = document.querySelectorAll('div.text [data-span="' + hl[1] + "-" + hl[2] + '"]');
    marks.forEach(function (m, i) {
      m.classList.add("hl");
      if (i === 0) { m.id = "hl"; m.scrollIntoView({ block: "center" }); }
    });
  }
  document.body.setAttribute("data-ready", "1");
})();
