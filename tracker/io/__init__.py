"""Reading and writing the files report writers exchange with Excel and WPS (CSV and XLSX).

Nothing here imports Qt: the wizard, the CLI and the tests all use these modules directly.
"""
