"""Memory service: remember, recall and forget a tenant's memories (hybrid vector + lexical recall)."""
