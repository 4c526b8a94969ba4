"""Archive-sized runs on Dask distributed (``rasad batch``), written to Parquet."""
