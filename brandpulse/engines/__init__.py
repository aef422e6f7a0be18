"""Ways to run the same pipeline over inputs larger than one DataFrame: in chunks, in several
processes (`chunked`), or on a Dask cluster (`distributed`). All of them call the functions of
brandpulse.pipeline per slice of rows and add up the summary counts, so their results equal
the plain in-memory run's."""
