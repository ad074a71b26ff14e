"""Every sentence a reviewer reads, in Vietnamese (default) and English."""
