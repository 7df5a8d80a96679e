# Generated from openapi.yaml by `make generate`. Do not edit: change the spec or generator/.
"""Contains endpoint functions for accessing the API"""
