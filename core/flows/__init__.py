"""core/flows"""
