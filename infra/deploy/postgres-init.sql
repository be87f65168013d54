-- Druid's metadata store lives beside Strata's database in the docker-compose topology.
CREATE USER druid WITH PASSWORD 'druid';
CREATE DATABASE druid OWNER druid;
