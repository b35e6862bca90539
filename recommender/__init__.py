"""s301 recommender: features, model, backtest, explanations and the command line."""
