"""window_client"""
