"""The SLM inference service: chat completions, embeddings and queued inferences through pluggable providers."""
