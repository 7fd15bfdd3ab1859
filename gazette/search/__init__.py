"""Stage 6: Chinese full-text search (jieba + sharded lunr index), one query semantics for browser and CLI."""
