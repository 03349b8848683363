"""Data files shipped with Negotiation Copilot: cue patterns, an example prep sheet and a
demo recording. A package so the engine finds them with ``importlib.resources``, whether
it runs from a checkout or from an installed wheel."""
