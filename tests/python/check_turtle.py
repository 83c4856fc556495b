"""Independent cross-check: rdflib parses isnad's Turtle export and finds the articles."""
import sys

import rdflib

path, expected_articles = sys.argv[1], int(sys.argv[2])
graph = rdflib.Graph()
graph.parse(path, format="turtle")
article = rdflib.URIRef("https://w3id.org/isnad/ontology#Article")
articles = set(graph.subjects(rdflib.RDF.type, article))
print(f"rdflib: {len(graph)} triples, {len(articles)} articles")
if len(articles) != expected_articles:
    sys.exit(f"expected {expected_articles} articles, rdflib found {len(articles)}")
