"""The reference provincial platform (省级政务服务平台): an HTTP service implementing sync/contract.py."""
