"""Rule modules, one per message family. Every module here that defines ``MODULE`` (a
:class:`paxdata.validation.RuleModule`) is run by :func:`paxdata.validation.validate`;
its rules are catalogued in ``specs/validation/rules/<family>.toml``."""
