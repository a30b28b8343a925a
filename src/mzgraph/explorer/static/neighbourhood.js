// The neighbourhood graph of one entity: vis-network (local copy), the entity highlighted and centred.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("mz-data").textContent);
  var groups = {};
  Object.keys(data.types).forEach(function (k) {
    var t = data.types[k];
    groups[k] = { shape: t.shape, color: { background: t.color, border: "#333333" } };
  });
  data.nodes.forEach(function (n) {
    n.title = (data.types[n.group] ? data.types[n.group].zh + " · " : "") + n.label;  // plain text tooltip
    if (n.id === data.focus) {
      n.size = 34; n.borderWidth = 5; n.font = { size: 20, bold: true };
      n.color = { border: "#c62828", background: data.types[n.group].color };
      n.fixed = true; n.x = 0; n.y = 0;
    }
  });
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var options = {
    groups: groups,
    nodes: { size: 16, font: { size: 14, strokeWidth: 3, strokeColor: "#fff" } },
    edges: { arrows: { to: { enabled: true, scaleFactor: 0.5 } }, color: { color: "#9aa5b1" }, font: { size: 11, strokeWidth: 3 } },
    physics: { solver: "forceAtlas2Based", stabilization: { iterations: 300, fit: true } },
    layout: { randomSeed: 7 },
    interaction: { hover: true }
  };
  var network = new vis.Network(document.getElementById("mz-network"), { nodes: nodes, edges: edges }, options);
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: false });
    network.selectNodes([data.focus]);
    document.body.setAttribute("data-stabilized", "1");
  });
  network.on("doubleClick", function (p) { if (p.nodes.length) window.location = nodes.get(p.nodes[0]).href; });
  network.on("click", function (p) { if (p.nodes.length && p.event.srcEvent.ctrlKey) window.location = nodes.get(p.nodes[0]).href; });
  window.mzgraph = { network: network, nodes: nodes, edges: edges, focus: data.focus };
})();
