"""The web console's static server: desktop/dist and the dev sign-in token at /console/, behind Envoy."""
