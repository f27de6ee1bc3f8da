"""qtkit"""
