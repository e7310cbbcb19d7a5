{
  "algorithm": "ed25519",
  "key_id": "821e67208a69d339",
  "signature": "m4YmVymZyRqkIrVndByA8EQBWty1ubB/gbPSju2Ho8M9prF1sFHHnR+B7c9A80ItglClT9EA8ldNS4BOche5Cg=="
}
