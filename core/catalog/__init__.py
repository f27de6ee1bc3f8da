"""core/catalog"""
