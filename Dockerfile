# One Threatboard instance. Cluster mode needs DATABASE_URL, REDIS_URL and the same SECRET on every instance
# (see README, "Running several instances", and docker-compose.yml).
FROM node:20-bookworm
WORKDIR /app
COPY package.json package-lock.json ./
# better-sqlite3 compiles here (the image has python3, make and g++); SQLite stays the default store.
RUN npm ci
COPY . .
RUN npx vite build
ENV HOST=0.0.0.0 PORT=8787 DATA_DIR=/data
EXPOSE 8787
# node directly, not npm: SIGTERM reaches the server, which stores open boards before it exits.
CMD ["node", "scripts/start.mjs"]
