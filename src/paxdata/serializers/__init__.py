"""Serializers: records out to sharing formats. Records never import these modules."""
