"""The social map as GraphML, for Gephi and other network tools: every person and outside actor
as a node (with organisation and kind), every tie as an edge (kind, start, end)."""

import io

from .selectors import network_nodes


def graphml_bytes(community) -> bytes:
    import networkx as nx

    graph = nx.MultiGraph()
    for node in network_nodes(community):
        graph.add_node(
            node.key,
            label=node.label,
            organisation=node.group,
            kind="outside" if node.outside else "member",
        )
    ties = community.ties.select_related("kind").order_by("started_on", "pk")
    for tie in ties:
        other = f"m{tie.other_member_id}" if tie.other_member_id else f"a{tie.actor_id}"
        graph.add_edge(
            f"m{tie.member_id}",
            other,
            key=str(tie.pk),
            kind=tie.kind.label,
            start=tie.started_on.isoformat(),
            end=tie.ended_on.isoformat() if tie.ended_on else "",
        )
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer, encoding="utf-8")
    return buffer.getvalue()
