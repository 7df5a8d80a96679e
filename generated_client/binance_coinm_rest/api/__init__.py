# Generated from openapi.yaml by `make generate`. Do not edit: change the spec or generator/.
"""Contains methods for accessing the API"""
