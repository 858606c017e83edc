"""cleanroom on existing engines: dask (``cleanroom.integrations.dask``), datatrove
(``cleanroom.integrations.datatrove``) and Hugging Face datasets (``cleanroom.integrations.hf``).

Each one only schedules :meth:`cleanroom.Cleaner.clean`; none re-implements cleaning. Each
stores cleanroom's score and decisions with the record ("cleanroom" metadata).
"""
