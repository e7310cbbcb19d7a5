"""Model providers: the built-in local model, OpenAI-compatible servers and Anthropic."""
