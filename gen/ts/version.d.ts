/** The contract version this package was generated from; sent as `x-soma-contract-version`. */
export declare const CONTRACT_VERSION = "1.1.0";
