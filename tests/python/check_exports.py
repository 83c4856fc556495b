"""Independent readers of isnad's visual exports: networkx reads the GraphML and the GEXF
with the node and edge counts of the CSV export; the GeoJSON follows RFC 7946 (checked with
the `geojson` package and by hand: lon/lat order and ranges); the GEXF has the structure of
GEXF 1.3 dynamic graphs (namespace, version, one time representation, start <= end)."""
import csv
import io
import json
import sys
import xml.etree.ElementTree as ET

import geojson
import networkx as nx

exports, network_csv = sys.argv[1], sys.argv[2]

text = open(network_csv, encoding="utf-8").read()
nodes_part, edges_part = text.split("# edges")
n_nodes = len(list(csv.DictReader(io.StringIO(nodes_part.replace("# nodes\n", "")))))
n_edges = len(list(csv.DictReader(io.StringIO(edges_part.strip() + "\n"))))

g = nx.read_graphml(f"{exports}/graph.graphml")
assert (g.number_of_nodes(), g.number_of_edges()) == (n_nodes, n_edges), (g.number_of_nodes(), g.number_of_edges(), n_nodes, n_edges)
for _, data in g.nodes(data=True):
    assert "label_ar" in data and "pagerank" in data and "community" in data, data
for _, _, data in g.edges(data=True):
    assert data["kind"] and data["weight"] >= 1, data

h = nx.read_gexf(f"{exports}/graph.gexf")
assert (h.number_of_nodes(), h.number_of_edges()) == (n_nodes, n_edges), (h.number_of_nodes(), h.number_of_edges())

ns = {"g": "http://gexf.net/1.3"}
root = ET.parse(f"{exports}/graph.gexf").getroot()
assert root.tag == "{http://gexf.net/1.3}gexf" and root.get("version") == "1.3", root.tag
graph = root.find("g:graph", ns)
assert graph.get("mode") == "dynamic" and graph.get("timeformat") == "date", graph.attrib
declared = {a.get("id") for a in graph.iter("{http://gexf.net/1.3}attribute")}
for el in list(graph.iter("{http://gexf.net/1.3}node")) + list(graph.iter("{http://gexf.net/1.3}edge")):
    start, end = el.get("start"), el.get("end")
    for d in (start, end):
        assert d is None or (len(d) == 10 and d[4] == "-" and d[7] == "-"), d
    assert start is None or end is None or start <= end, (start, end)
    for v in el.iter("{http://gexf.net/1.3}attvalue"):
        assert v.get("for") in declared, v.get("for")

places = geojson.loads(open(f"{exports}/places.geojson", encoding="utf-8").read())
assert places.is_valid, places.errors()
assert places["type"] == "FeatureCollection" and places["features"], "no places"
for f in places["features"]:
    lon, lat = f["geometry"]["coordinates"]
    assert f["geometry"]["type"] == "Point" and -180 <= lon <= 180 and -90 <= lat <= 90, (lon, lat)
    assert isinstance(f["properties"]["events"], list)
print(f"networkx: GraphML and GEXF with {n_nodes} nodes and {n_edges} edges; GEXF 1.3 structure ok; "
      f"GeoJSON valid with {len(places['features'])} places")
